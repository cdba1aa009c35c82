#include "core/error.h"
#include "core/npyreader.h"
#include "core/safetensorsreader.h"

#include <QFloat16>
#include <QTest>
#include <QtEndian>

using namespace ms::core;

namespace {

// Builds a .npy file the way numpy.save writes version 1.0.
QByteArray npy(const QByteArray &descr, bool fortran, const QByteArray &shape, const QByteArray &data)
{
    QByteArray header = "{'descr': '" + descr + "', 'fortran_order': " +
                        (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    QByteArray out = "\x93NUMPY";
    out += char(1);
    out += char(0);
    const quint16 len = quint16(header.size());
    out += char(len & 0xff);
    out += char(len >> 8);
    return out + header + data;
}

template <typename T> QByteArray raw(std::initializer_list<T> values)
{
    QByteArray b;
    for (T v : values)
        b.append(reinterpret_cast<const char *>(&v), sizeof(T));
    return b;
}

// A byte string literal with embedded NULs, kept whole.
template <size_t N> QByteArray bytesOf(const char (&s)[N])
{
    return QByteArray(s, N - 1);
}

} // namespace

class TestNpyReader : public QObject
{
    Q_OBJECT

private slots:
    void float32COrder()
    {
        const auto m = NpyReader::parse(npy("<f4", false, "(2, 3)", raw<float>({1, 2, 3, 4, 5, 6})), "a.npy");
        QCOMPARE(m.tokens, 2);
        QCOMPARE(m.dim, 3);
        QCOMPARE(m.data, (std::vector<float>{1, 2, 3, 4, 5, 6}));
    }

    void fortranOrderIsTransposedIntoRows()
    {
        // The 2x3 matrix [[1,2,3],[4,5,6]] stored column by column.
        const auto m = NpyReader::parse(npy("<f4", true, "(2, 3)", raw<float>({1, 4, 2, 5, 3, 6})), "f.npy");
        QCOMPARE(m.data, (std::vector<float>{1, 2, 3, 4, 5, 6}));
    }

    void float16AndBigEndianAndVector()
    {
        const QByteArray halves = raw<qfloat16>({qfloat16(0.5f), qfloat16(-2.0f), qfloat16(1024.0f)});
        auto m = NpyReader::parse(npy("<f2", false, "(3,)", halves), "h.npy");
        QCOMPARE(m.tokens, 1);
        QCOMPARE(m.dim, 3);
        QCOMPARE(m.data, (std::vector<float>{0.5f, -2.0f, 1024.0f}));
        QByteArray be(8, 0);
        qToBigEndian<float>(1.5f, be.data());
        qToBigEndian<float>(-3.0f, be.data() + 4);
        m = NpyReader::parse(npy(">f4", false, "(1, 2)", be), "b.npy");
        QCOMPARE(m.data, (std::vector<float>{1.5f, -3.0f}));
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not npy") << QByteArray("hello world, this is text") << "magic bytes";
        QTest::newRow("broken header") << npy("<f4", false, "(2, x)", raw<float>({1, 2})) << "malformed";
        QTest::newRow("no shape") << bytesOf("\x93NUMPY\x01\x00\x10\x00{'descr': '<f4'}") << "lacks descr";
        QTest::newRow("ints") << npy("<i8", false, "(2,)", raw<qint64>({1, 2})) << "not float16";
        QTest::newRow("3d") << npy("<f4", false, "(1, 1, 2)", raw<float>({1, 2})) << "3 dimensions";
        QTest::newRow("truncated") << npy("<f4", false, "(4, 4)", raw<float>({1, 2})) << "cut short";
        QTest::newRow("header cut") << bytesOf("\x93NUMPY\x01\x00\xff\x00{'descr'") << "header is cut short";
        // Found fuzzing (tests/core/data/fuzz/npy): the byte count overflowed.
        QTest::newRow("shape overflow") << npy("<f8", false, "(2000000000, 2000000000)", raw<double>({1, 2}))
                                        << "cut short";
        QTest::newRow("dim beyond int") << npy("<f4", false, "(4294967297,)", raw<float>({1, 2}))
                                        << "far too large";
    }

    void brokenFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        try {
            NpyReader::parse(bytes, "clip.npy");
            QFAIL("accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().startsWith("clip.npy: ") && e.message().contains(expected),
                     qPrintable(e.message()));
        }
    }

    void safetensors()
    {
        const QByteArray data = raw<float>({1, 2, 3, 4}) + raw<qfloat16>({qfloat16(7.0f), qfloat16(8.0f)});
        const QByteArray header = R"({"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
                                  R"("b":{"dtype":"F16","shape":[2],"data_offsets":[16,20]},)"
                                  R"("__metadata__":{"format":"pt"}})";
        QByteArray file(8, 0);
        qToLittleEndian<quint64>(quint64(header.size()), file.data());
        file += header + data;
        const auto t = SafetensorsReader::parse(file, "x.safetensors");
        QCOMPARE(t.size(), 2);
        QCOMPARE(t.value("a").tokens, 2);
        QCOMPARE(t.value("a").data, (std::vector<float>{1, 2, 3, 4}));
        QCOMPARE(t.value("b").tokens, 1);
        QCOMPARE(t.value("b").data, (std::vector<float>{7, 8}));
        QVERIFY_THROWS_EXCEPTION(UserError, SafetensorsReader::parse(file.left(file.size() - 3), "x"));
        QVERIFY_THROWS_EXCEPTION(UserError, SafetensorsReader::parse(bytesOf("\x05\0\0\0\0\0\0\0{bad}"), "x"));
        // data_offsets checked against a shape whose byte count overflows a qint64.
        const QByteArray huge = R"({"a":{"dtype":"F64","shape":[2000000000,2000000000],"data_offsets":[0,8]}})";
        QByteArray hugeFile(8, 0);
        qToLittleEndian<quint64>(quint64(huge.size()), hugeFile.data());
        QVERIFY_THROWS_EXCEPTION(UserError, SafetensorsReader::parse(hugeFile + huge + QByteArray(8, 0), "x"));
    }
};

QTEST_GUILESS_MAIN(TestNpyReader)
#include "tst_npyreader.moc"
