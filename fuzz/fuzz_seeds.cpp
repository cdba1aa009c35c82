// Writes the seed corpus of every reader's fuzz target into <dir>/<target>/
// (fuzz_seeds_project writes the project file's): made here from the
// project's own writers (ModalscopeCsv, ElanEafFormat), the tests' subtitle fixture
// and small hand-built .npy/.safetensors/CSV/JSON samples, so nothing is
// downloaded and no binary is committed. With MODALSCOPE_SHARED set, the
// head of the real ObyGaze table is added. Usage: fuzz_seeds <dir>
#include "core/formats/elaneafformat.h"
#include "core/modalscopecsv.h"
#include "fuzz/seedrecords.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QtEndian>
#include <cstdio>

using namespace ms;

namespace {

QDir g_root;

void seed(const char *target, const QString &name, const QByteArray &bytes)
{
    g_root.mkpath(QLatin1String(target));
    QFile f(g_root.filePath(QLatin1String(target) + u'/' + name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz_seeds: cannot write %s\n", qPrintable(f.fileName()));
        std::exit(1);
    }
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray npy(const QByteArray &descr, bool fortran, const QByteArray &shape, int version,
               const QByteArray &data)
{
    QByteArray header = "{'descr': '" + descr +
                        "', 'fortran_order': " + (fortran ? "True" : "False") +
                        ", 'shape': " + shape + ", }";
    const int prefix = version == 1 ? 10 : 12;
    while ((prefix + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QByteArray out("\x93NUMPY", 6);
    out += char(version);
    out += char(0);
    if (version == 1) {
        out += char(header.size() & 0xff);
        out += char(header.size() >> 8);
    } else {
        for (int k = 0; k < 4; ++k)
            out += char((header.size() >> (8 * k)) & 0xff);
    }
    return out + header + data;
}

QByteArray floats(int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        const float v = float(i) * 0.5f - 1.0f;
        out.append(reinterpret_cast<const char *>(&v), 4);
    }
    return out;
}

QByteArray safetensors(const QByteArray &json, const QByteArray &data)
{
    QByteArray out(8, '\0');
    qToLittleEndian<quint64>(quint64(json.size()), out.data());
    return out + json + data;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds <dir>\n");
        return 2;
    }
    g_root = QDir(QString::fromLocal8Bit(argv[1]));
    g_root.mkpath(QStringLiteral("."));

    // subtitles: first byte 0 = by content/name .srt, 1 = SRT, 0x82 = WebVTT as .vtt
    const QByteArray capability =
        readAll(QStringLiteral(MS_SOURCE_DIR "/tests/core/data/capability_tester.srt"));
    const QByteArray srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> &amp; {\\an8}bye\r\n"
                           "\r\n2\r\n0:01:02,5 --> 0:01:03,25 X1:10\r\nA\\Nb\\hc</b>\r\n";
    const QByteArray vtt = "WEBVTT - title\nKind: captions\n\nNOTE a note\n\nSTYLE\n::cue{}\n\n"
                           "intro\n00:00:01.000 --> 00:00:02.000 align:start line:0\n"
                           "<v Bob>Hello</v> <c.yellow>there</c> <00:00:01.500>&lt;3\n\n"
                           "120:00.000 --> 120:10.000\n<c It's\n";
    seed("subtitles", "capability.srt", QByteArray(1, '\0') + capability);
    seed("subtitles", "small.srt", QByteArray(1, '\1') + srt);
    seed("subtitles", "small.vtt", QByteArray(1, '\x82') + vtt);
    seed("subtitles", "latin1.srt",
         QByteArray(1, '\0') + "1\n00:00:01,000 --> 00:00:02,000\nCaf\xe9 \x93x\x94\n");

    seed("subtitlepacket", "ass-event", "0,0,Default,,0,0,0,,{\\i1}Hello{\\i0}\\Nworld\\hx");
    seed("subtitlepacket", "dialogue",
         "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\pos(1,2)}<b>Hi</b>, you");
    seed("subtitlepacket", "html", "<font color=\"red\">x</font> <u>2<3,5>1</u> </s> <yy>z");

    // obygaze: first byte picks the Not Sure rule
    const QByteArray obyHeader =
        "idx;util;clip;label;overlap_ratio;concepts;id;movie;srt_name;video_name;graph_number\r\n"
        ";;;;;;;;;;\r\n";
    const QByteArray obyRows =
        "0;1;tt0000001scene-001;Easy Neg;1.00;[''];tt0000001-001;tt0000001;s.srt;v.avi;0\r\n"
        "1;1;tt0000001scene-002;Hard Neg;0.50;['Look', 'Body'];tt0000001-002;tt0000001;s.srt;"
        "v.avi;0\r\n"
        "2;1;tt0000001scene-003;Not "
        "Sure;1.00;[\"Clothes\"];tt0000001-003;tt0000001;s.srt;v.avi;0\r\n"
        "3;1;tt0000001scene-004;Sure;1.00;['Type of "
        "plan'];tt0000001-004;tt0000001;s.srt;v.avi;0\r\n";
    for (char rule : {'\0', '\1', '\2'})
        seed("obygaze", QStringLiteral("synthetic-%1.csv").arg(int(rule)),
             QByteArray(1, rule) + obyHeader + obyRows);
    const QString shared = qEnvironmentVariable("MODALSCOPE_SHARED");
    if (!shared.isEmpty()) {
        const QByteArray real =
            readAll(shared + QStringLiteral("/datasets/obygaze12/ObyGaze12_thresh_02.csv"));
        if (!real.isEmpty()) {
            qsizetype cut = 0;
            for (int line = 0; line < 40 && cut >= 0; ++line)
                cut = real.indexOf('\n', cut + 1);
            seed("obygaze", QStringLiteral("real-head.csv"),
                 QByteArray(1, '\0') + (cut > 0 ? real.left(cut + 1) : real));
        }
    }

    seed("modalscopecsv", "table.csv", core::ModalscopeCsv::write(fuzz::seedRecords()).toUtf8());
    auto withAnnotators = fuzz::seedRecords();
    for (auto &r : withAnnotators)
        r.annotator = QStringLiteral("expert-1");
    seed("modalscopecsv", "annotators.csv", core::ModalscopeCsv::write(withAnnotators).toUtf8());

    seed("elaneaf", "written.eaf", core::ElanEafFormat().write(fuzz::seedRecords()));

    seed("npy", "f4-v1.npy", npy("<f4", false, "(2, 3)", 1, floats(6)));
    seed("npy", "f4-fortran-v2.npy", npy("<f4", true, "(3, 2)", 2, floats(6)));
    seed("npy", "f8-1d.npy", npy("<f8", false, "(3,)", 1, floats(6)));
    seed("npy", "f2-be.npy", npy(">f2", false, "(2, 2)", 1, QByteArray(8, '\x3c')));

    seed("safetensors", "f32.safetensors",
         safetensors(R"({"__metadata__":{"format":"pt"},"clip":{"dtype":"F32","shape":[2,3],)"
                     R"("data_offsets":[0,24]}})",
                     floats(6)));
    seed("safetensors", "mixed.safetensors",
         safetensors(R"({"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},)"
                     R"("b":{"dtype":"BF16","shape":[1,2],"data_offsets":[4,8]},)"
                     R"("c":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}})",
                     QByteArray(16, '\x3f')));

    seed("taxonomy", "default.json",
         readAll(QStringLiteral(":/modalscope/taxonomy/objectification.json")));
    seed("taxonomy", "small.json",
         R"({"name":"t","concepts":[{"name":"Look","modality":"visual"},)"
         R"({"name":"Voice","modality":"audio","description":"d"}]})");

    seed("metricscsv", "scores.csv", "score,target\n0.9,1\n0.1,0\n0.5,1\n0.5,0\n");
    seed("metricscsv", "reordered.csv", "id,target,score\r\na,1,1e-3\r\nb,0,-2.5\r\n\r\n");

    std::printf("fuzz_seeds: corpora written under %s\n", qPrintable(g_root.absolutePath()));
    return 0;
}
