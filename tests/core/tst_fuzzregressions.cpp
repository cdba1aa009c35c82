// Every input a fuzz target (fuzz/) crashed on, kept under
// tests/core/data/fuzz/<target>/ and fed again to the same reader: each must
// now be read or refused with a UserError naming the file, never crash. A
// crash here is the regression; under scripts/test.sh --sanitize so is any
// sanitizer report.
#include "core/csv.h"
#include "core/error.h"
#include "core/formats/elaneafformat.h"
#include "core/mediasubtitlereader.h"
#include "core/metrics.h"
#include "core/modalscopecsv.h"
#include "core/npyreader.h"
#include "core/obygazereader.h"
#include "core/safetensorsreader.h"
#include "core/scoretable.h"
#include "core/subtitleparser.h"
#include "core/taxonomy.h"

#include <QDir>
#include <QDirIterator>
#include <QtTest>
#include <functional>

using namespace ms::core;

namespace {

const QString kOrigin = QStringLiteral("regression-input");

// The same calls as fuzz/fuzz_<target>.cpp, byte for byte.
const QHash<QString, std::function<void(const QByteArray &)>> &readers()
{
    static const QHash<QString, std::function<void(const QByteArray &)>> r{
        {QStringLiteral("subtitles"),
         [](const QByteArray &b) {
             if (b.isEmpty())
                 return;
             const auto format = SubtitleParser::Format(quint8(b[0]) % 3);
             const QString name = quint8(b[0]) & 0x80 ? QStringLiteral("fuzz.vtt")
                                                      : QStringLiteral("fuzz.srt");
             SubtitleParser::parse(b.mid(1), name, {}, format);
         }},
        {QStringLiteral("subtitlepacket"),
         [](const QByteArray &b) {
             const QString text = QString::fromUtf8(b);
             MediaSubtitleReader::assEventText(text);
             for (auto m : {SubtitleParser::Markup::Srt, SubtitleParser::Markup::WebVtt,
                            SubtitleParser::Markup::Ass})
                 SubtitleParser::stripMarkup(text, m);
         }},
        {QStringLiteral("obygaze"),
         [](const QByteArray &b) {
             if (b.isEmpty())
                 return;
             const NotSureRule rules[] = {NotSureRule::HardNegative, NotSureRule::Sure,
                                          NotSureRule::Exclude};
             ObyGazeReader::parse(csv::decodeText(b.mid(1)), kOrigin, rules[quint8(b[0]) % 3]);
         }},
        {QStringLiteral("modalscopecsv"),
         [](const QByteArray &b) {
             ModalscopeCsv::write(ModalscopeCsv::parse(csv::decodeText(b), kOrigin));
         }},
        {QStringLiteral("elaneaf"), [](const QByteArray &b) { ElanEafFormat::parse(b, kOrigin); }},
        {QStringLiteral("npy"), [](const QByteArray &b) { NpyReader::parse(b, kOrigin); }},
        {QStringLiteral("safetensors"),
         [](const QByteArray &b) { SafetensorsReader::parse(b, kOrigin); }},
        {QStringLiteral("taxonomy"), [](const QByteArray &b) { Taxonomy::fromJson(b, kOrigin); }},
        {QStringLiteral("metricscsv"),
         [](const QByteArray &b) {
             const auto t = ScoreTable::parse(b, kOrigin);
             metrics::averagePrecision(t.scores, t.targets);
             metrics::rocAuc(t.scores, t.targets);
         }},
    };
    return r;
}

} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private slots:
    void input_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QDir root(QStringLiteral(MS_TEST_SOURCE_DIR "/core/data/fuzz"));
        QDirIterator it(root.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString target = QFileInfo(path).dir().dirName();
            QTest::newRow(qPrintable(root.relativeFilePath(path))) << target << path;
        }
    }

    void input()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QVERIFY2(readers().contains(target), qPrintable(QStringLiteral("no reader for ") + target));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        try {
            readers().value(target)(bytes);
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(kOrigin) || e.message().contains(u"fuzz."),
                     qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
