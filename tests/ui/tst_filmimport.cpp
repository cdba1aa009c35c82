// Films into the open project from the window: added in the background, the
// document re-reads its films, the status message says what was added and
// what was refused, and local video files dropped on the window take the
// same path.
#include "core/jobs/jobrunner.h"
#include "database/projectdatabase.h"
#include "tests/testsupport.h"
#include "ui/filmimport.h"
#include "ui/projectdocument.h"

#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QWidget>
#include <memory>

using namespace ms;

class TestFilmImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<ui::ProjectDocument> newDocument(const QString &name)
    {
        return std::make_unique<ui::ProjectDocument>(path(name),
                                                     ui::ProjectDocument::OpenMode::Create);
    }

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("the ffmpeg tool is not installed: film import tests skipped");
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1",
                              "-c:v", "libx264", "-pix_fmt", "yuv420p", path("one.mp4")}));
        QVERIFY(test::ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1",
                              "-c:v", "mpeg4", path("two.mkv")}));
        test::writeFile(path("one.en.srt"), "1\n00:00:00,000 --> 00:00:00,500\nHi\n\n");
        test::writeFile(path("bad.mp4"), QByteArray("not a film\n").repeated(20));
    }

    void addsTwoFilmsAndSaysSo()
    {
        auto doc = newDocument(QStringLiteral("a.msproj"));
        core::JobRunner jobs;
        ui::FilmImport import(&jobs, [&] { return doc.get(); });
        QSignalSpy ended(&import, &ui::FilmImport::ended);
        QSignalSpy message(&import, &ui::FilmImport::message);
        QSignalSpy reloaded(doc.get(), &ui::ProjectDocument::reloaded);
        QVERIFY(doc->films().isEmpty());

        QVERIFY(import.addFilms({path("one.mp4"), path("bad.mp4"), path("two.mkv")}));
        QCOMPARE(message.first().first().toString(), QStringLiteral("Adding 3 films\u2026"));
        QVERIFY(import.isRunning());
        QVERIFY(!import.addFilms({path("one.mp4")}));
        QVERIFY(import.lastError().contains(QStringLiteral("already")));
        QVERIFY(ended.wait(60000));
        QVERIFY(ended.first().at(1).toBool());
        QCOMPARE(reloaded.size(), 1);

        QStringList ids;
        for (const core::Film &f : doc->films())
            ids << f.movieId;
        ids.sort();
        QCOMPARE(ids, (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
        const QString text = message.last().first().toString();
        QVERIFY2(text.startsWith(QStringLiteral("2 films added (1 with subtitles); 1 refused: ")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("bad.mp4")), qPrintable(text));
        QCOMPARE(import.lastReport(), text);
    }

    void refusedWithoutProject()
    {
        core::JobRunner jobs;
        ui::FilmImport import(&jobs, [] { return static_cast<ui::ProjectDocument *>(nullptr); });
        QVERIFY(!import.addFilms({path("one.mp4")}));
        QVERIFY(import.lastError().contains(QStringLiteral("project")));
    }

    void dropAddsTheVideoFiles()
    {
        auto doc = newDocument(QStringLiteral("d.msproj"));
        core::JobRunner jobs;
        ui::FilmImport import(&jobs, [&] { return doc.get(); });
        QWidget window;
        import.acceptDropsOn(&window);
        QVERIFY(window.acceptDrops());
        QSignalSpy ended(&import, &ui::FilmImport::ended);

        QMimeData mime;
        // The subtitle file is no film: left out of the drop.
        mime.setUrls(
            {QUrl::fromLocalFile(path("one.mp4")), QUrl::fromLocalFile(path("one.en.srt"))});
        QCOMPARE(ui::FilmImport::videoFiles(&mime), QStringList{path("one.mp4")});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(ended.wait(60000));
        QCOMPARE(doc->films().size(), 1);
        QCOMPARE(doc->films().first().movieId, QStringLiteral("one"));
        QCOMPARE(doc->films().first().subtitlesPath, QStringLiteral("one.en.srt"));

        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent other(QPoint(5, 5), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        other.ignore();
        QCoreApplication::sendEvent(&window, &other);
        QVERIFY(!other.isAccepted());
    }
};

QTEST_MAIN(TestFilmImport)
#include "tst_filmimport.moc"
