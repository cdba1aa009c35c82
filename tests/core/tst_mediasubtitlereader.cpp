#include "core/error.h"
#include "core/mediasubtitlereader.h"
#include "tests/testsupport.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using ms::core::MediaSubtitleReader;
using ms::core::SubtitleDocument;
using ms::core::UserError;

namespace {

// Overlapping cues, markup, an ASS position code and commas in the text (the
// ASS event fields are split on commas, so text commas must survive).
const QByteArray kSrt = "1\n00:00:00,500 --> 00:00:01,500\n<i>Hello</i> world\n\n"
                        "2\n00:00:02,000 --> 00:00:03,250\n{\\an8}Line one\nLine two\n\n"
                        "3\n00:00:03,500 --> 00:00:04,000\nWell, yes, no\n";
const QString kExpected = QStringLiteral("500\t1500\tHello world\n"
                                         "2000\t3250\tLine one\\nLine two\n"
                                         "3500\t4000\tWell, yes, no");

QString dump(const SubtitleDocument &doc)
{
    QStringList rows;
    for (const auto &c : doc.cues)
        rows.append(QStringLiteral("%1\t%2\t%3")
                        .arg(c.startMs)
                        .arg(c.endMs)
                        .arg(QString(c.text).replace(u'\n', QLatin1String("\\n"))));
    return rows.join(u'\n');
}

} // namespace

class TestMediaSubtitleReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ffmpeg;

    // Runs the ffmpeg tool; the test media is made here, never downloaded.
    void ffmpeg(const QStringList &args)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(m_ffmpeg, QStringList{"-y", "-hide_banner", "-loglevel", "error"} + args);
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAll().constData());
    }

private slots:
    void initTestCase()
    {
        m_ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
        if (m_ffmpeg.isEmpty())
            QSKIP("the ffmpeg tool is not installed; it makes this test's media");
        QVERIFY(m_dir.isValid());
        ms::test::writeFile(m_dir.filePath("subs.srt"), kSrt);
    }

    void readsEmbeddedStream_data()
    {
        QTest::addColumn<QString>("container");
        QTest::addColumn<QString>("codec");
        QTest::addColumn<QString>("decodedAs");
        QTest::newRow("mkv srt") << "mkv"
                                 << "srt"
                                 << "subrip";
        QTest::newRow("mkv ass") << "mkv"
                                 << "ass"
                                 << "ass";
        QTest::newRow("mkv webvtt") << "mkv"
                                    << "webvtt"
                                    << "webvtt";
        QTest::newRow("mp4 mov_text") << "mp4"
                                      << "mov_text"
                                      << "mov_text";
    }

    void readsEmbeddedStream()
    {
        QFETCH(QString, container);
        QFETCH(QString, codec);
        QFETCH(QString, decodedAs);
        const QString out = m_dir.filePath(QStringLiteral("film-%1.%2").arg(codec, container));
        ffmpeg({"-f", "lavfi", "-i", "color=c=black:s=64x48:d=5:r=10", "-i",
                m_dir.filePath("subs.srt"), "-map", "0:v", "-map", "1:s", "-c:v", "mpeg4", "-c:s",
                codec, "-metadata:s:s:0", "language=fra", out});

        const auto streams = MediaSubtitleReader::subtitleStreams(out);
        QCOMPARE(streams.size(), 1);
        QCOMPARE(streams.first().index, 1);
        QCOMPARE(streams.first().codec, decodedAs);
        QCOMPARE(streams.first().language, QStringLiteral("fra"));
        QVERIFY(streams.first().textBased);

        for (int index : {-1, 1}) {
            const SubtitleDocument doc = MediaSubtitleReader::read(out, index);
            QCOMPARE(dump(doc), kExpected);
            QCOMPARE(doc.format, decodedAs);
            QCOMPARE(doc.path, out);
            QVERIFY2(doc.problems.isEmpty(),
                     qPrintable(doc.problems.isEmpty() ? QString() : doc.problems.first().message));
        }
    }

    void errors()
    {
        const QString video = m_dir.filePath("nosubs.mkv");
        ffmpeg({"-f", "lavfi", "-i", "color=c=black:s=64x48:d=1:r=10", "-c:v", "mpeg4", video});
        QVERIFY(MediaSubtitleReader::subtitleStreams(video).isEmpty());
        const QString withSubs = m_dir.filePath("film-srt.mkv");
        ffmpeg({"-f", "lavfi", "-i", "color=c=black:s=64x48:d=5:r=10", "-i",
                m_dir.filePath("subs.srt"), "-c:v", "mpeg4", "-c:s", "srt", withSubs});

        const struct
        {
            QString path;
            int stream;
            QString part;
        } cases[] = {{video, -1, QStringLiteral("no subtitle stream")},
                     {withSubs, 0,
                      QStringLiteral("stream 0 is not a subtitle stream; its "
                                     "subtitle streams are 1 (subrip)")},
                     {withSubs, 7, QStringLiteral("stream 7 is not")},
                     {m_dir.filePath("missing.mkv"), -1, QStringLiteral("no such file")},
                     {m_dir.filePath("subs.srt"), 5, QStringLiteral("not a subtitle stream")}};
        for (const auto &c : cases) {
            try {
                MediaSubtitleReader::read(c.path, c.stream);
                QFAIL(qPrintable(QStringLiteral("no UserError for %1").arg(c.part)));
            } catch (const UserError &e) {
                QVERIFY2(e.message().startsWith(c.path), qPrintable(e.message()));
                QVERIFY2(e.message().contains(c.part), qPrintable(e.message()));
            }
        }
    }

    void assEventText_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("text");
        QTest::newRow("decoded") << "0,0,Default,,0,0,0,,{\\i1}Hi{\\i0}, there"
                                 << "Hi, there";
        QTest::newRow("dialogue line")
            << "Dialogue: 0,0:00:01.00,0:00:02.00,Default,Bob,0,0,0,,{\\an8}Top\\NBottom"
            << "Top\nBottom";
        QTest::newRow("hard space") << "3,0,Default,,0,0,0,,a\\hb"
                                    << "a\u00a0b";
        QTest::newRow("too few fields") << "just text"
                                        << "just text";
    }

    void assEventText()
    {
        QFETCH(QString, event);
        QFETCH(QString, text);
        QCOMPARE(MediaSubtitleReader::assEventText(event), text);
    }
};

QTEST_GUILESS_MAIN(TestMediaSubtitleReader)
#include "tst_mediasubtitlereader.moc"
