#include "core/annotationqueue.h"
#include "database/annotationrepository.h"
#include "tests/database/modelassistfixture.h"
#include "tests/models/modelfixtures.h"
#include "tests/testsupport.h"
#include "ui/annotationqueuepanel.h"
#include "ui/clipbrowser.h"
#include "ui/explanationpanel.h"
#include "ui/mainwindow.h"
#include "ui/modelassistsession.h"
#include "ui/projectdocument.h"
#include "ui/rationaleview.h"

#include <QAction>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// The model helping the expert in the window (issue 16), on the hand-made
// project of modelassistfixture.h, as annotator bob: the Annotate Next dock
// that N follows, the rationale in the Explanation panel and the report view.
class TestModelAssistSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;

    ui::AnnotationQueuePanel *queue() { return m_window->modelAssist()->queuePanel(); }
    QString currentClip()
    {
        const core::Clip *c = m_window->document()->clip(m_window->clipBrowser()->currentClipId());
        return c ? c->name : QString();
    }
    QStringList queued()
    {
        QStringList out;
        for (qint64 id : queue()->clips())
            out.append(m_window->document()->clip(id)->name);
        return out;
    }
    // As a user does it: picks the run in the dock's chooser.
    void chooseRun(qint64 runId)
    {
        QComboBox *runs = queue()->runChooser();
        runs->setCurrentIndex(runs->findData(runId));
    }
    void pressN() { QTest::keyClick(m_window.get(), Qt::Key_N); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("assist%1.msproj").arg(++n));
        test::makeAssistProject(path);
        m_window = std::make_unique<ui::MainWindow>(
            ui::Settings(m_dir.filePath(QStringLiteral("settings%1.ini").arg(n))));
        m_window->setAnnotator(QStringLiteral("bob"));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY2(m_window->openProject(path), qPrintable(m_window->lastError()));
    }

    void cleanup() { m_window.reset(); }

    void withoutAQueueNGoesToTheNextUnannotatedClip()
    {
        QVERIFY(!queue()->isActive());
        QVERIFY(m_window->selectClipByName(QStringLiteral("a1")));
        pressN();
        QCOMPARE(currentClip(), QStringLiteral("a4"));
        QVERIFY(queue()->message().contains(QStringLiteral("Choose a run")));
    }

    void choosingAQueueMakesNFollowIt()
    {
        QVERIFY(m_window->selectClipByName(QStringLiteral("a1")));
        chooseRun(1);
        QVERIFY(queue()->isActive());
        QCOMPARE(queue()->pool(), ui::AnnotationQueuePanel::Pool::NotMine);
        QCOMPARE(queued(), (QStringList{"b2", "a3", "a4", "b4"}));
        QCOMPARE(queue()->table()->rowCount(), 4);
        QCOMPARE(queue()->table()->item(0, ui::AnnotationQueuePanel::ClipColumn)->text(),
                 QStringLiteral("b2"));
        pressN();
        QCOMPARE(currentClip(), QStringLiteral("b2"));
        QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("clip 1 of 4")));

        // Bob annotates b2 (key 2, Hard Negative): it leaves the queue, N
        // goes to the new head.
        QTest::keyClick(m_window.get(), Qt::Key_2);
        QCOMPARE(m_window->document()
                     ->state(m_window->clipBrowser()->currentClipId(), QStringLiteral("bob"))
                     .level,
                 std::optional(core::Level::HardNegative));
        QCOMPARE(queued(), (QStringList{"a3", "a4", "b4"}));
        pressN();
        QCOMPARE(currentClip(), QStringLiteral("a3"));
        // A clip of the queue left without annotating: N goes on to the next.
        pressN();
        QCOMPARE(currentClip(), QStringLiteral("a4"));

        // Another order, another head.
        queue()->orderChooser()->setCurrentIndex(
            queue()->orderChooser()->findData(int(core::QueueOrder::Disagreement)));
        queue()->poolChooser()->setCurrentIndex(
            queue()->poolChooser()->findData(int(ui::AnnotationQueuePanel::Pool::Unadjudicated)));
        QCOMPARE(queued(), (QStringList{"a2", "b3", "b2"}));
        pressN();
        QCOMPARE(currentClip(), QStringLiteral("a2"));

        // Back to no queue: N is the next unannotated clip again.
        chooseRun(0);
        QVERIFY(m_window->selectClipByName(QStringLiteral("a1")));
        pressN();
        QCOMPARE(currentClip(), QStringLiteral("a4"));
    }

    void aRunWithoutPredictionsSaysSoAndNStays()
    {
        QVERIFY(m_window->selectClipByName(QStringLiteral("a1")));
        chooseRun(2);
        QVERIFY(queue()->isActive());
        QVERIFY(queue()->clips().isEmpty());
        QVERIFY2(queue()->message().contains(QStringLiteral("run 2 has no test predictions")),
                 qPrintable(queue()->message()));
        QVERIFY(!queue()->table()->isVisibleTo(queue()));
        pressN();
        QCOMPARE(currentClip(), QStringLiteral("a1"));
        QVERIFY(m_window->statusBar()->currentMessage().contains(
            QStringLiteral("run 2 has no test predictions")));
        queue()->orderChooser()->setCurrentIndex(
            queue()->orderChooser()->findData(int(core::QueueOrder::AttributionError)));
        QVERIFY2(queue()->message().contains(QStringLiteral("run 2 has no explanations")),
                 qPrintable(queue()->message()));
    }

    void untestedClipsAreScoredByTheRunsModels()
    {
        // A trained VT run (3 folds) on a project where four clips had no
        // annotation when it trained: nobody's clips wait without a test
        // prediction until the run's models score them in the background.
        const QString path = m_dir.filePath(QStringLiteral("trained.msproj"));
        test::makeProject(path, 6, 12);
        const QStringList waiting = {"tt1000000-000", "tt1000001-001", "tt1000002-002",
                                     "tt1000003-003"};
        {
            db::ProjectDatabase p(path, db::ProjectDatabase::Mode::OpenExisting);
            db::AnnotationRepository a(p.sql());
            for (const QString &clip : waiting)
                QVERIFY(a.setAnnotation(a.clipByName(clip)->id, QStringLiteral("test"), {},
                                        QStringLiteral("test")));
        }
        const auto train =
            test::runCli({"train", "--db", path, "--modalities", "VT", "--fusion", "late",
                          "--quick", "--folds", "3", "--epochs", "2", "--device", "cpu"},
                         600000);
        QVERIFY2(train.exitCode == 0, train.err.constData());
        QVERIFY2(m_window->openProject(path), qPrintable(m_window->lastError()));
        queue()->setPool(ui::AnnotationQueuePanel::Pool::Nobody);
        chooseRun(1);
        QVERIFY(queue()->isScoring());
        QTRY_VERIFY_WITH_TIMEOUT(!queue()->isScoring(), 120000);
        QVERIFY(queue()->report());
        QCOMPARE(queue()->report()->modelScored, 4);
        QCOMPARE(queue()->report()->ranked, 4);
        QVERIFY2(queue()->message().contains(QStringLiteral(
                     "4 clips the run never tested are scored by its models (mean over 3 folds)")),
                 qPrintable(queue()->message()));
        const auto &entries = queue()->report()->entries;
        for (size_t i = 1; i < entries.size(); ++i)
            QVERIFY(entries[i - 1].key <= entries[i].key);
        QStringList names = queued();
        std::sort(names.begin(), names.end());
        QCOMPARE(names, waiting);
        QVERIFY(m_window->selectClipByName(QStringLiteral("tt1000005-005")));
        pressN();
        QCOMPARE(currentClip(), entries.front().candidate.clip);
    }

    void explanationPanelShowsTheRationale()
    {
        QVERIFY2(m_window->showExplanationSet(1), qPrintable(m_window->lastError()));
        QVERIFY(m_window->selectClipByName(QStringLiteral("a3")));
        const QString text = m_window->explanationPanel()->rationaleLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("This clip: largest attribution on visual, not a "
                                              "modality the experts gave; audio below 0.10.")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("one the experts gave in 2 of 4 clips (50.0 %)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("at or above 0.10 in 3 of 4 clips (75.0 %)")),
                 qPrintable(text));
    }

    void rationaleViewTablesAndChart()
    {
        m_window->modelAssist()->rationaleAction()->trigger();
        ui::RationaleView *view = m_window->modelAssist()->rationaleView();
        QVERIFY(view && view->isVisible());
        QVERIFY(view->report());
        QCOMPARE(view->report()->agreement.corpus.clips, 4);
        QVERIFY(view->summaryLabel()->text().contains(QStringLiteral("in 2 of 4 clips (50.0 %)")));
        QCOMPARE(view->table()->rowCount(), 2);
        QCOMPARE(view->table()->item(1, ui::RationaleView::NameColumn)->text(),
                 QStringLiteral("tt0000002"));
        QCOMPARE(view->table()->item(1, ui::RationaleView::AllShareColumn)->text(),
                 QStringLiteral("100.0"));
        auto *series = qobject_cast<QAbstractBarSeries *>(view->chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->count(), 2);
        QCOMPARE(series->barSets().value(1)->at(0), 50.0); // top share, tt0000002 (drawn first)
        view->setScope(ui::RationaleView::Scope::Concept);
        QCOMPARE(view->table()->rowCount(), 3);
        QCOMPARE(view->table()->item(2, ui::RationaleView::NameColumn)->text(),
                 QStringLiteral("Voice"));
        QCOMPARE(view->table()->item(2, ui::RationaleView::TopShareColumn)->text(),
                 QStringLiteral("0.0"));
        // By clip: the four clips with an expert rationale, b2 top no, all yes.
        view->setScope(ui::RationaleView::Scope::Clip);
        QCOMPARE(view->table()->rowCount(), 4);
        QCOMPARE(view->table()->item(3, ui::RationaleView::NameColumn)->text(),
                 QStringLiteral("b2"));
        QCOMPARE(view->table()->item(3, ui::RationaleView::TopColumn)->text(), QStringLiteral("0"));
        QCOMPARE(view->table()->item(3, ui::RationaleView::AllColumn)->text(), QStringLiteral("1"));
    }
};

QTEST_MAIN(TestModelAssistSession)
#include "tst_modelassistsession.moc"
