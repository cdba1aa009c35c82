// Film > Subtitles offers the text streams inside a film beside the files
// next to it (issue 13), offscreen: an MKV made here carries an English and
// a French stream; choosing one shows its cues, is stored, and undoes.
#include "database/filmadder.h"
#include "database/projectdatabase.h"
#include "database/sqlitedatabase.h"
#include "tests/subtitlestreamfilm.h"
#include "tests/testsupport.h"
#include "ui/annotationcontroller.h"
#include "ui/clipbrowser.h"
#include "ui/clipsession.h"
#include "ui/filmsession.h"
#include "ui/mainactions.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"

#include <QComboBox>
#include <QMenu>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;

class TestSubtitleChoice : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<ui::MainWindow> m_window;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    // What the project file says, through a connection of its own.
    QString stored()
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        auto st = p.sql().prepare("SELECT subtitles_path, subtitles_stream FROM films");
        st.step();
        return QStringLiteral("%1 #%2").arg(st.text(0)).arg(st.int64(1));
    }
    QStringList shownCues() const
    {
        QStringList out;
        for (const core::SubtitleCue &c : m_window->filmSession()->cues())
            out.append(c.text);
        return out;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: it makes this test's media");
        QVERIFY(m_dir.isValid());
        test::writeFile(path("en.srt"), "1\n00:00:00,500 --> 00:00:01,500\nGood morning.\n");
        test::writeFile(path("fr.srt"), "1\n00:00:01,000 --> 00:00:02,000\nBonjour.\n\n"
                                        "2\n00:00:03,000 --> 00:00:04,000\nAdieu.\n");
        QVERIFY(test::makeFilmWithSubtitleStreams(
            path("film.mkv"), {{path("en.srt"), "srt", "eng"}, {path("fr.srt"), "srt", "fra"}}));
        // A file beside the film, the user's own: it is attached first.
        test::writeFile(path("film.srt"), "1\n00:00:00,000 --> 00:00:01,000\nMine.\n");
        m_db = path("p.msproj");
        {
            db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenOrCreate);
            db::FilmAdder(p).add({path("film.mkv"), "tt5", {}, {}});
        }
        m_window = std::make_unique<ui::MainWindow>(ui::Settings(path("settings.ini")));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY2(m_window->openProject(m_db), qPrintable(m_window->lastError()));
        QComboBox *films = m_window->clipBrowser()->filmFilter();
        films->setCurrentIndex(films->findData("tt5"));
        QTRY_VERIFY(m_window->filmSession()->areSubtitlesLoaded());
        QCOMPARE(shownCues(), QStringList{"Mine."});
    }

    void cleanupTestCase() { m_window.reset(); }

    void streamsAreOfferedBesideTheFileAndChosenUndoably()
    {
        QCOMPARE(stored(), QStringLiteral("film.srt #-1"));
        const auto choices = m_window->clipSession()->subtitleChoices();
        QCOMPARE(choices.size(), 3);
        QCOMPARE(choices[1].streamIndex, 1);
        QCOMPARE(choices[2].streamIndex, 2);
        QCOMPARE(choices[2].language, QStringLiteral("fra"));

        QMenu *menu = m_window->actions()->subtitlesMenu();
        QVERIFY(menu->isEnabled());
        emit menu->aboutToShow();
        QStringList texts;
        QAction *french = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            texts.append(a->text());
            if (a->text().contains("fra"))
                french = a;
        }
        QCOMPARE(texts, (QStringList{"&None", "film.srt", "Stream 1: subrip, eng",
                                     "Stream 2: subrip, fra"}));
        QVERIFY(menu->actions().at(1)->isChecked());
        QVERIFY(french && !french->isChecked());
        french->trigger();
        QCOMPARE(stored(), QStringLiteral(" #2"));
        QTRY_VERIFY(m_window->filmSession()->areSubtitlesLoaded());
        QCOMPARE(shownCues(), (QStringList{"Bonjour.", "Adieu."}));
        emit menu->aboutToShow(); // the menu marks the stream now
        for (QAction *a : menu->actions())
            if (a->text().contains("fra"))
                QVERIFY(a->isChecked());

        QUndoStack *undo = m_window->controller()->undoStack();
        QVERIFY(undo->undoText().contains("film.mkv, stream 2"));
        undo->undo();
        QCOMPARE(stored(), QStringLiteral("film.srt #-1"));
        QTRY_COMPARE(shownCues(), QStringList{"Mine."});
        undo->redo();
        QCOMPARE(stored(), QStringLiteral(" #2"));
        QTRY_COMPARE(shownCues(), (QStringList{"Bonjour.", "Adieu."}));

        // From a stream to another: the English one.
        QVERIFY(m_window->clipSession()->chooseSubtitles(core::SubtitleSource{{}, 1}));
        QCOMPARE(stored(), QStringLiteral(" #1"));
        QTRY_COMPARE(shownCues(), QStringList{"Good morning."});
        // A stream that is not there is refused in words; nothing changes.
        QVERIFY(!m_window->clipSession()->chooseSubtitles(core::SubtitleSource{{}, 0}));
        QVERIFY2(m_window->clipSession()->lastError().contains("not a text subtitle stream"),
                 qPrintable(m_window->clipSession()->lastError()));
        QCOMPARE(stored(), QStringLiteral(" #1"));
    }
};

QTEST_MAIN(TestSubtitleChoice)
#include "tst_subtitlechoice.moc"
