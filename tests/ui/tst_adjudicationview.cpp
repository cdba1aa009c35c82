#include "../testsupport.h"
#include "core/labelrule.h"
#include "ui/adjudicationview.h"
#include "ui/annotationcontroller.h"
#include "ui/exportsplitsdialog.h"
#include "ui/labelrulecombo.h"
#include "ui/labelrulemenu.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"
#include "ui/trainingpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace ms;
using core::Level;

namespace {

// Three annotators (tst_agreementview's data). Disagreements: tt1-001 on
// the concepts only, tt1-002 and tt2-001 on the level and the concepts;
// tt1-003 and tt2-002 agree.
core::ImportRecord record(const QString &clip, Level level, const QStringList &concepts = {})
{
    core::ImportRecord r =
        test::timedRecord(clip, clip.left(3), (clip.right(1).toInt() - 1) * 1000, 1000, level);
    r.concepts = concepts;
    return r;
}

QList<core::ImportRecord> alice()
{
    return {record("tt1-001", Level::Sure, {"Body", "Speech"}),
            record("tt1-002", Level::EasyNegative),
            record("tt1-003", Level::HardNegative, {"Look"}),
            record("tt2-001", Level::Sure, {"Body"}), record("tt2-002", Level::EasyNegative)};
}

QList<core::ImportRecord> bob()
{
    return {
        record("tt1-001", Level::Sure, {"Body"}), record("tt1-002", Level::HardNegative, {"Look"}),
        record("tt1-003", Level::HardNegative, {"Look"}),
        record("tt2-001", Level::HardNegative, {"Body"}), record("tt2-002", Level::EasyNegative)};
}

QList<core::ImportRecord> carol()
{
    return {record("tt1-001", Level::Sure, {"Body", "Voice"}), record("tt2-001", Level::Sure)};
}

} // namespace

class TestAdjudicationView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<ui::ProjectDocument> project()
    {
        auto doc =
            std::make_unique<ui::ProjectDocument>(m_dir.filePath(QString("p%1.msproj").arg(++m_n)),
                                                  ui::ProjectDocument::OpenMode::Create);
        doc->importRecords(alice(), "alice", "test", {});
        doc->importRecords(bob(), "bob", "test", {});
        doc->importRecords(carol(), "carol", "test", {});
        return doc;
    }

    static qint64 clipId(ui::ProjectDocument &doc, const QString &name)
    {
        for (const core::Clip &c : doc.clips())
            if (c.name == name)
                return c.id;
        return 0;
    }

    static QString cell(ui::AdjudicationView &view, int row, int column)
    {
        const QTableWidgetItem *item = view.table()->item(row, column);
        return item ? item->text() : QString();
    }

private slots:
    void listsDisagreementsSideBySideAndFilters()
    {
        auto doc = project();
        ui::AdjudicationView view;
        view.refresh(doc.get());
        QCOMPARE(view.annotators(), (QStringList{"alice", "bob", "carol"}));
        QCOMPARE(view.disagreements(), 3);
        const QList<qint64> all = {clipId(*doc, "tt1-001"), clipId(*doc, "tt1-002"),
                                   clipId(*doc, "tt2-001")};
        QCOMPARE(view.shownClips(), all);
        // Row tt1-002: alice EN, bob HN with Look, carol did not annotate it.
        const int a = ui::AdjudicationView::FirstAnnotatorColumn;
        QCOMPARE(cell(view, 1, ui::AdjudicationView::ClipColumn), QString("tt1-002"));
        QCOMPARE(cell(view, 1, a), QString("EN"));
        QCOMPARE(cell(view, 1, a + 1), QString("HN \u00b7 Look"));
        QCOMPARE(cell(view, 1, a + 2), QString("\u2014"));
        QCOMPARE(cell(view, 1, ui::AdjudicationView::DisagreementColumn),
                 QString("level, concepts"));
        QCOMPARE(cell(view, 0, ui::AdjudicationView::DisagreementColumn), QString("concepts"));
        QCOMPARE(cell(view, 1, a + 3), QString("undecided"));
        QVERIFY(view.table()->horizontalHeaderItem(a + 1)->text().startsWith("2"));

        view.kindFilter()->setCurrentIndex(
            view.kindFilter()->findData(int(ui::AdjudicationView::Kind::Level)));
        QCOMPARE(view.shownClips(), (QList<qint64>{all[1], all[2]}));
        view.kindFilter()->setCurrentIndex(
            view.kindFilter()->findData(int(ui::AdjudicationView::Kind::Concepts)));
        QCOMPARE(view.shownClips(), all);
        view.filmFilter()->setCurrentIndex(view.filmFilter()->findData(QString("tt2")));
        QCOMPARE(view.shownClips(), QList<qint64>{all[2]});
    }

    void aKeyTakesAnAnnotatorAndUndoTakesItBack()
    {
        auto doc = project();
        QUndoStack stack;
        ui::AdjudicationView view;
        view.setUndoStack(&stack);
        view.setDeciderProvider([] { return QStringLiteral("dana"); });
        view.refresh(doc.get());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const qint64 clip = clipId(*doc, "tt1-002");
        QVERIFY(view.selectClip(clip));

        // Key 2: bob's annotation becomes the consensus, decided by dana.
        view.activateWindow();
        view.table()->setFocus();
        QTest::keyClick(view.table(), Qt::Key_2);
        QCOMPARE(doc->state(clip, "consensus"),
                 (db::AnnotationState{Level::HardNegative, {"Look"}, {}}));
        const db::HistoryEntry decided = doc->latestChanges("consensus").value(clip);
        QCOMPARE(decided.source, QString("adjudication:dana"));
        QVERIFY(decided.changedAt.isValid());
        QVERIFY(view.selectClip(clip));
        const int consensusColumn = ui::AdjudicationView::FirstAnnotatorColumn + 3;
        QCOMPARE(cell(view, view.table()->currentRow(), consensusColumn),
                 QString("HN \u00b7 Look"));
        QVERIFY(cell(view, view.table()->currentRow(), consensusColumn + 1).startsWith("dana, "));

        // Alice's over it, then back step by step.
        QVERIFY(view.takeAnnotator(0));
        QCOMPARE(doc->state(clip, "consensus").level, std::optional(Level::EasyNegative));
        QCOMPARE(stack.count(), 2);
        stack.undo();
        QCOMPARE(doc->state(clip, "consensus").level, std::optional(Level::HardNegative));
        stack.undo();
        QVERIFY(!doc->state(clip, "consensus").level);
        stack.redo();
        QCOMPARE(doc->state(clip, "consensus").level, std::optional(Level::HardNegative));
        // Delete withdraws it, undoably too.
        QVERIFY(view.selectClip(clip));
        QTest::keyClick(view.table(), Qt::Key_Delete);
        QVERIFY(!doc->state(clip, "consensus").level);
        stack.undo();
        QCOMPARE(doc->state(clip, "consensus").level, std::optional(Level::HardNegative));
        // Carol did not annotate tt1-002: nothing to take.
        QVERIFY(view.selectClip(clip));
        QVERIFY(!view.takeAnnotator(2));
        QVERIFY(view.lastError().contains("carol"));
    }

    void undecidedOnlyMovesOnAndConsensusRuleUsesTheDecision()
    {
        auto doc = project();
        ui::AdjudicationView view;
        view.setDeciderProvider([] { return QStringLiteral("dana"); });
        view.refresh(doc.get());
        view.show();
        view.undecidedOnly()->setChecked(true);
        const qint64 first = clipId(*doc, "tt1-001"), second = clipId(*doc, "tt1-002");
        QVERIFY(view.selectClip(first));
        // The coordinator's own consensus (no annotator said exactly this).
        QVERIFY(view.setConsensus(first, {Level::Sure, {"Body", "Voice", "Speech"}, "all three"}));
        QVERIFY(!view.shownClips().contains(first));
        QCOMPARE(view.currentClip(), second); // the next undecided clip comes up
        // The consensus rule now labels tt1-001 with it; tt1-002 has none yet.
        doc->setLabelRule(core::LabelRule::consensus());
        QCOMPARE(doc->effectiveAnnotation(first)->annotator, QString("consensus"));
        QCOMPARE(doc->effectiveAnnotation(first)->concepts.size(), 3);
        QVERIFY(!doc->effectiveAnnotation(second));
        // The agreeing clips keep their annotators' label.
        QCOMPARE(doc->effectiveAnnotation(clipId(*doc, "tt1-003"))->level, Level::HardNegative);

        // Without the coordinator's name nothing is decided.
        view.setDeciderProvider([] { return QString(); });
        QVERIFY(!view.setConsensus(second, {Level::Sure, {}, {}}));
        QVERIFY(!view.lastError().isEmpty());
        QVERIFY(!doc->state(second, "consensus").level);
    }

    void theEditorWritesTheChosenConsensus()
    {
        auto doc = project();
        ui::AdjudicationView view;
        view.setDeciderProvider([] { return QStringLiteral("dana"); });
        view.refresh(doc.get());
        view.show();
        const qint64 clip = clipId(*doc, "tt2-001");
        QVERIFY(view.selectClip(clip));
        bool seen = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = view.findChild<QDialog *>("consensusEditor");
            if (!dialog)
                return;
            seen = true;
            auto *level = dialog->findChild<QComboBox *>("consensusLevel");
            level->setCurrentIndex(level->findData(int(Level::HardNegative)));
            auto *concepts = dialog->findChild<QListWidget *>("consensusConcepts");
            for (int i = 0; i < concepts->count(); ++i)
                if (concepts->item(i)->data(Qt::UserRole).toString() == "Voice")
                    concepts->item(i)->setCheckState(Qt::Checked);
            dialog->accept();
        });
        view.editConsensus();
        QVERIFY(seen);
        const db::AnnotationState s = doc->state(clip, "consensus");
        QCOMPARE(s.level, std::optional(Level::HardNegative));
        // Started from alice's (the first column): Body, and Voice ticked.
        QVERIFY2(s.concepts.contains("Body") && s.concepts.contains("Voice"),
                 qPrintable(s.concepts.join(',')));
    }

    // View > Labels From, the training panel and the export dialog.
    void theLabelRuleIsChosenInTheWindow()
    {
        auto doc = project();
        ui::LabelRuleMenu menu;
        menu.setDocument(doc.get());
        QVERIFY(menu.title().contains("Latest"));
        QMetaObject::invokeMethod(&menu, "aboutToShow");
        QStringList texts;
        QAction *majority = nullptr;
        for (QAction *a : menu.actions()) {
            texts.append(a->text());
            if (a->data().toString() == "majority")
                majority = a;
        }
        QVERIFY2(texts.contains("Annotator: carol"), qPrintable(texts.join(';')));
        QVERIFY(majority);

        ui::TrainingPanel panel(doc.get());
        auto *combo = panel.findChild<ui::LabelRuleCombo *>("labelRule");
        QVERIFY(combo);
        QCOMPARE(combo->rule(), core::LabelRule::latest());
        const qint64 clip = clipId(*doc, "tt1-002");
        QCOMPARE(doc->effectiveAnnotation(clip)->level, Level::HardNegative); // bob, the latest
        majority->trigger();
        QCOMPARE(doc->labelRule(), core::LabelRule::majority());
        QVERIFY(menu.title().contains("Majority"));
        QCOMPARE(combo->rule(), core::LabelRule::majority()); // the panel follows the view
        QCOMPARE(doc->effectiveAnnotation(clip)->level,
                 Level::HardNegative); // EN against HN: a tie
        doc->setLabelRule(core::LabelRule::annotator("alice"));
        QCOMPARE(doc->effectiveAnnotation(clip)->level, Level::EasyNegative);

        ui::ExportSplitsDialog dialog(m_dir.filePath("splits"));
        dialog.setLabelRules(doc->annotators(), doc->labelRule());
        QCOMPARE(dialog.labelRule(), core::LabelRule::annotator("alice"));
        // The export records the rule it used.
        const QString dir = m_dir.filePath("splits-majority");
        const QString report = doc->exportSplits(dir, 2, 0, core::LabelRule::majority());
        QVERIFY2(report.contains("label rule majority"), qPrintable(report));
        const QJsonObject manifest =
            QJsonDocument::fromJson(test::readFile(dir + "/manifest.json")).object();
        QCOMPARE(manifest.value("label_rule").toObject().value("rule").toString(),
                 QString("majority"));
        QCOMPARE(manifest.value("label_rule").toObject().value("level_ties_to_hn").toInt(), 1);
    }

    // The window offers both, and a decision is undone from its Edit menu.
    void theWindowOffersAdjudicationAndLabelRules()
    {
        const QString path = m_dir.filePath("window.msproj");
        {
            ui::ProjectDocument doc(path, ui::ProjectDocument::OpenMode::Create);
            doc.importRecords(alice(), "alice", "test", {});
            doc.importRecords(bob(), "bob", "test", {});
        }
        ui::MainWindow window(ui::Settings(m_dir.filePath("window.ini")));
        window.setAnnotator("dana");
        QVERIFY2(window.openProject(path), qPrintable(window.lastError()));
        QAction *adjudicate = nullptr, *undo = nullptr;
        QStringList view;
        for (QAction *menu : window.menuBar()->actions())
            for (QAction *a : menu->menu()->actions()) {
                const QString text = a->text().remove('&');
                if (menu->text().remove('&') == "View")
                    view.append(text);
                if (text.startsWith("Adjudicate Disagreements"))
                    adjudicate = a;
                if (text.startsWith("Undo"))
                    undo = a;
            }
        QVERIFY2(view.value(0).startsWith("Labels From: Latest"), qPrintable(view.join(';')));
        QVERIFY(adjudicate && undo);
        QCOMPARE(adjudicate->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
        adjudicate->trigger();
        ui::AdjudicationView *v = window.adjudicationView();
        QVERIFY(v && v->isVisible());
        QCOMPARE(v->undoStack(), window.controller()->undoStack());
        const qint64 clip = clipId(*window.document(), "tt1-002");
        QVERIFY(v->selectClip(clip));
        QVERIFY(v->takeAnnotator(1));
        QCOMPARE(window.document()->state(clip, "consensus").level,
                 std::optional(Level::HardNegative));
        QCOMPARE(window.document()->latestChanges("consensus").value(clip).source,
                 QString("adjudication:dana"));
        undo->trigger();
        QVERIFY(!window.document()->state(clip, "consensus").level);
        // Choosing a rule says so in the status bar.
        window.document()->setLabelRule(core::LabelRule::majority());
        QVERIFY2(window.statusBar()->currentMessage().contains("Majority (ties to HN)"),
                 qPrintable(window.statusBar()->currentMessage()));
    }
};

QTEST_MAIN(TestAdjudicationView)
#include "tst_adjudicationview.moc"
