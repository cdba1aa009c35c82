// Film > Segment Film into Clips, offscreen, on a film the test makes (cuts
// at 2 s and 3.6 s in 5.6 s): the proposal on the timeline's Proposal lane,
// a new sensitivity or minimum length proposing again without decoding, and
// Accept making every clip in one undo step.
#include "database/annotationrepository.h"
#include "database/filmadder.h"
#include "database/projectdatabase.h"
#include "database/sqlitedatabase.h"
#include "tests/testsupport.h"
#include "ui/annotationcontroller.h"
#include "ui/clipbrowser.h"
#include "ui/clipsession.h"
#include "ui/filmsession.h"
#include "ui/mainactions.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"
#include "ui/segmentationdialog.h"
#include "ui/segmentationsession.h"
#include "ui/timeline/timelinewidget.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;
using Method = ui::SegmentationSession::Method;

class TestSegmentationSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<ui::MainWindow> m_window;

    qint64 clipCount()
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        return p.sql().scalar("SELECT count(*) FROM clips");
    }
    QList<core::TimeRange> storedRanges()
    {
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        QList<core::TimeRange> out;
        for (const core::Clip &c : db::AnnotationRepository(p.sql()).clips())
            out.append({*c.startMs, *c.endMs});
        std::sort(out.begin(), out.end(), [](const core::TimeRange &a, const core::TimeRange &b) {
            return a.startMs < b.startMs;
        });
        return out;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (QStandardPaths::findExecutable("ffmpeg").isEmpty())
            QSKIP("the ffmpeg tool is not installed: media tests skipped");
        QVERIFY(test::ffmpeg({"-filter_complex",
                              "color=c=red:s=160x120:r=25:d=2,format=yuv420p[a];"
                              "testsrc2=s=160x120:r=25:d=1.6,format=yuv420p[b];"
                              "smptebars=s=160x120:r=25:d=2,format=yuv420p[c];"
                              "[a][b][c]concat=n=3:v=1:a=0[v]",
                              "-map", "[v]", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                              m_dir.filePath("film.mp4")}));
        // Two sidecar subtitle files: the first is attached, the other a choice.
        test::writeFile(m_dir.filePath("film.en.srt"), "1\n00:00:00,500 --> 00:00:01,000\nOne.\n\n"
                                                       "2\n00:00:04,000 --> 00:00:05,000\nTwo.\n");
        test::writeFile(m_dir.filePath("film.fr.vtt"),
                        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nUn.\n");
    }

    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("p%1.msproj").arg(++n));
        {
            db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenOrCreate);
            db::FilmAdder(p).add({m_dir.filePath("film.mp4"), "tt5", {}, {}});
        }
        m_window = std::make_unique<ui::MainWindow>(
            ui::Settings(m_dir.filePath(QStringLiteral("settings%1.ini").arg(n))));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY2(m_window->openProject(m_db), qPrintable(m_window->lastError()));
        // A film without clips is shown by choosing it in the clip list's film filter.
        QComboBox *films = m_window->clipBrowser()->filmFilter();
        films->setCurrentIndex(films->findData("tt5"));
        QVERIFY(m_window->segmentationSession()->filmId() != 0);
        QCOMPARE(m_window->timeline()->duration(), 5600);
    }

    void cleanup() { m_window.reset(); }

    void shotsAreProposedThenAcceptedInOneUndoStep()
    {
        m_window->actions()->segmentAction()->trigger();
        ui::SegmentationDialog *dialog = m_window->segmentationDialog();
        QVERIFY(dialog && dialog->isVisible());
        ui::SegmentationSession *session = m_window->segmentationSession();
        QSignalSpy proposed(session, &ui::SegmentationSession::proposalChanged);
        QVERIFY(!dialog->acceptButton()->isEnabled());
        QTest::mouseClick(dialog->proposeButton(), Qt::LeftButton);
        QVERIFY(session->isDetecting());
        QTRY_VERIFY_WITH_TIMEOUT(!session->proposal().isEmpty(), 60000);
        const QList<core::TimeRange> three{{0, 2000}, {2000, 3600}, {3600, 5600}};
        QCOMPARE(m_window->timeline()->proposal(), three);
        QVERIFY(!m_window->timeline()->laneRect(ui::TimelineWidget::Lane::Proposal).isNull());
        QCOMPARE(clipCount(), 0); // nothing is written before Accept

        // A longer minimum proposes again at once, from the kept scores.
        dialog->minLengthBox()->setValue(1.8);
        QVERIFY(!session->isDetecting());
        const QList<core::TimeRange> two{{0, 2000}, {2000, 5600}};
        QCOMPARE(m_window->timeline()->proposal(), two);
        dialog->minLengthBox()->setValue(1.0);
        dialog->sensitivitySlider()->setValue(20);
        QCOMPARE(m_window->timeline()->proposal(), three);

        const int steps = m_window->controller()->undoStack()->count();
        QVERIFY(dialog->acceptButton()->isEnabled());
        QTest::mouseClick(dialog->acceptButton(), Qt::LeftButton);
        QCOMPARE(storedRanges(), three);
        QVERIFY(m_window->timeline()->proposal().isEmpty());
        QVERIFY(m_window->timeline()->laneRect(ui::TimelineWidget::Lane::Proposal).isNull());
        QCOMPARE(m_window->controller()->undoStack()->count(), steps + 1);
        QCOMPARE(m_window->timeline()->clips().size(), 3);
        QVERIFY(dialog->statusLabel()->text().contains("3 clip(s) made"));

        m_window->controller()->undoStack()->undo();
        QCOMPARE(clipCount(), 0);
        m_window->controller()->undoStack()->redo();
        QCOMPARE(storedRanges(), three);
    }

    void fixedLengthsLeaveOutWhatOverlapsExistingClips()
    {
        ui::SegmentationSession *session = m_window->segmentationSession();
        ui::SegmentationSession::Parameters p;
        p.method = Method::Fixed;
        p.lengthMs = 2000;
        QVERIFY(session->propose(p));
        const QList<core::TimeRange> fixed{{0, 2000}, {2000, 4000}, {4000, 5600}};
        QCOMPARE(session->proposal(), fixed);
        QCOMPARE(session->accept().size(), 3);
        // The same again: every proposed clip overlaps one made; nothing is made.
        QVERIFY(session->propose(p));
        QVERIFY(session->accept().isEmpty());
        QVERIFY(session->lastError().contains("overlaps"));
        QCOMPARE(clipCount(), 3);
        // One clip deleted: only its place is filled again.
        m_window->document()->editClips([&] {
            db::ClipEdit e;
            e.remove.append(m_window->document()->clips().first().id);
            return e;
        }());
        QVERIFY(session->propose(p));
        QCOMPARE(session->accept().size(), 1);
        QVERIFY(session->lastReport().contains("2 proposed clip(s) overlapped"));
        QCOMPARE(storedRanges(), fixed);
    }

    void subtitlesNeedSubtitles()
    {
        ui::ClipSession *clips = m_window->clipSession();
        QVERIFY(clips->chooseSubtitles(QString()));
        ui::SegmentationSession::Parameters p;
        p.method = Method::Cues;
        QVERIFY(!m_window->segmentationSession()->propose(p));
        QVERIFY(m_window->segmentationSession()->lastError().contains("subtitles"));
        QVERIFY(clips->chooseSubtitles(m_dir.filePath("film.en.srt")));
        QTRY_VERIFY(m_window->filmSession()->areSubtitlesLoaded());
        QVERIFY(m_window->segmentationSession()->propose(p));
        const QList<core::TimeRange> cues{{500, 1000}, {4000, 5000}};
        QCOMPARE(m_window->segmentationSession()->proposal(), cues);
    }

    // Several sidecar subtitle files: the user chooses (Film > Subtitles), undoably.
    void aSubtitleFileIsChosenAmongSeveral()
    {
        ui::ClipSession *clips = m_window->clipSession();
        QCOMPARE(clips->subtitleChoices().size(), 2);
        const auto storedSubtitles = [this] {
            db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
            auto st = p.sql().prepare("SELECT subtitles_path FROM films");
            st.step();
            return st.text(0);
        };
        QVERIFY(storedSubtitles().endsWith("film.en.srt"));
        QMenu *menu = m_window->actions()->subtitlesMenu();
        QVERIFY(menu->isEnabled());
        emit menu->aboutToShow();
        QCOMPARE(menu->actions().size(), 3); // None, en, fr
        QAction *fr = nullptr;
        for (QAction *a : menu->actions())
            if (a->text().contains("fr.vtt"))
                fr = a;
        QVERIFY(fr && !fr->isChecked());
        fr->trigger();
        QVERIFY(storedSubtitles().endsWith("film.fr.vtt"));
        QTRY_VERIFY(m_window->filmSession()->areSubtitlesLoaded());
        QCOMPARE(m_window->filmSession()->cues().size(), 1);
        QCOMPARE(m_window->filmSession()->cues().first().text, QStringLiteral("Un."));
        m_window->controller()->undoStack()->undo();
        QVERIFY(storedSubtitles().endsWith("film.en.srt"));
        QTRY_COMPARE(m_window->filmSession()->cues().size(), 2);
    }
};

QTEST_MAIN(TestSegmentationSession)
#include "tst_segmentationsession.moc"
