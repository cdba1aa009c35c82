// The menus and keys on a bare window: each entry is where docs/gui.md says,
// with its key, and says what the user asked for; player keys stand aside
// while a text field has the keyboard; the enabling rules and the recent list.
#include "ui/mainactions.h"
#include "ui/settings.h"

#include <QAction>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace ms;

namespace {

QString plain(QString text)
{
    return text.remove(QLatin1Char('&')).remove(QChar(0x2026));
}

} // namespace

class TestMainActions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::Settings> m_settings;
    std::unique_ptr<QMainWindow> m_window;
    std::unique_ptr<QUndoStack> m_undo;
    ui::MainActions *m_actions = nullptr;
    QLineEdit *m_field = nullptr;
    QWidget *m_plain = nullptr; // focusable, takes no text

    QMenu *menu(const QString &title)
    {
        for (QAction *a : m_window->menuBar()->actions())
            if (plain(a->text()) == title)
                return a->menu();
        return nullptr;
    }

    QStringList entries(const QString &title)
    {
        QStringList out;
        if (QMenu *m = menu(title))
            for (QAction *a : m->actions())
                out.append(a->isSeparator() ? QStringLiteral("-") : plain(a->text()));
        return out;
    }

    QAction *entry(const QString &title, const QString &text)
    {
        if (QMenu *m = menu(title))
            for (QAction *a : m->actions())
                if (plain(a->text()) == text)
                    return a;
        return nullptr;
    }

private slots:
    void init()
    {
        static int n = 0;
        m_settings = std::make_unique<ui::Settings>(
            m_dir.filePath(QStringLiteral("settings%1.ini").arg(++n)));
        m_undo = std::make_unique<QUndoStack>();
        m_window = std::make_unique<QMainWindow>();
        auto *central = new QWidget(m_window.get());
        auto *layout = new QVBoxLayout(central);
        m_field = new QLineEdit(central);
        m_plain = new QWidget(central);
        m_plain->setFocusPolicy(Qt::StrongFocus);
        m_plain->setMinimumSize(50, 50);
        layout->addWidget(m_field);
        layout->addWidget(m_plain);
        m_window->setCentralWidget(central);
        m_actions = new ui::MainActions(m_window.get(), m_undo.get(), *m_settings);
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_plain->setFocus();
        QTRY_VERIFY(m_plain->hasFocus());
    }

    void cleanup()
    {
        m_window.reset();
        m_undo.reset();
        m_settings.reset();
    }

    void menusInOrder()
    {
        QStringList titles;
        for (QAction *a : m_window->menuBar()->actions())
            titles.append(plain(a->text()));
        QCOMPARE(titles, QStringList({"File", "Edit", "Annotate", "Film", "Playback", "View"}));
        QCOMPARE(entries("File"),
                 QStringList({"New Project", "Open Project", "Open Recent", "-",
                              "Add Films", "Import Annotations", "Export Splits", "-", "Quit"}));
        QCOMPARE(entries("Edit"), QStringList({"Undo", "Redo", "-", "Next Unannotated Clip", "-",
                                               "Change Annotator Name"}));
        QCOMPARE(entries("Film"),
                 QStringList({"Set In Point", "Set Out Point", "Make Clip from In to Out",
                              "Split Clip at Playhead", "Merge Clip with Next", "Delete Clip",
                              "Move Nearest Edge One Frame Earlier",
                              "Move Nearest Edge One Frame Later", "-",
                              "Segment Film into Clips", "Export Film Annotations (ELAN, CSV)",
                              "-", "New Clip Names",
                              "Clips May Overlap", "-", "Subtitles"}));
        QCOMPARE(entries("Annotate"),
                 QStringList({"Easy Negative", "Hard Negative", "Sure", "-", "Find Concept",
                              "Concepts", "-", "Clear My Annotation"}));
        QCOMPARE(entries("Playback"),
                 QStringList({"Play / Pause", "Previous Frame", "Next Frame", "Slower", "Faster",
                              "Loop Clip", "Previous Clip", "Next Clip", "Zoom In", "Zoom Out",
                              "Whole Film"}));
        QCOMPARE(entries("View"),
                 QStringList({"Statistics", "Inter-annotator Agreement", "Runs and Comparisons",
                              "Explain a Run", "Extract Features", "-"}));
    }

    // The keys of docs/gui.md, each on its entry.
    void keys_data()
    {
        QTest::addColumn<QString>("menu");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QKeySequence>("key");
        QTest::newRow("new") << "File"
                             << "New Project" << QKeySequence(QKeySequence::New);
        QTest::newRow("open") << "File"
                              << "Open Project" << QKeySequence(QKeySequence::Open);
        QTest::newRow("quit") << "File"
                              << "Quit" << QKeySequence(QKeySequence::Quit);
        QTest::newRow("add films") << "File"
                                   << "Add Films" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O);
        QTest::newRow("undo") << "Edit"
                              << "Undo" << QKeySequence(QKeySequence::Undo);
        QTest::newRow("redo") << "Edit"
                              << "Redo" << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
        QTest::newRow("next") << "Edit"
                              << "Next Unannotated Clip" << QKeySequence(Qt::Key_N);
        QTest::newRow("EN") << "Annotate"
                            << "Easy Negative" << QKeySequence(Qt::Key_1);
        QTest::newRow("HN") << "Annotate"
                            << "Hard Negative" << QKeySequence(Qt::Key_2);
        QTest::newRow("S") << "Annotate"
                           << "Sure" << QKeySequence(Qt::Key_3);
        QTest::newRow("find concept") << "Annotate"
                                      << "Find Concept" << QKeySequence(Qt::Key_Slash);
        QTest::newRow("clear") << "Annotate"
                               << "Clear My Annotation" << QKeySequence(Qt::Key_Delete);
        QTest::newRow("in") << "Film"
                            << "Set In Point" << QKeySequence(Qt::Key_I);
        QTest::newRow("out") << "Film"
                             << "Set Out Point" << QKeySequence(Qt::Key_O);
        QTest::newRow("make") << "Film"
                              << "Make Clip from In to Out" << QKeySequence(Qt::Key_Return);
        QTest::newRow("split") << "Film"
                               << "Split Clip at Playhead" << QKeySequence(Qt::Key_S);
        QTest::newRow("merge") << "Film"
                               << "Merge Clip with Next" << QKeySequence(Qt::Key_M);
        QTest::newRow("delete clip") << "Film"
                                     << "Delete Clip" << QKeySequence(Qt::SHIFT | Qt::Key_Delete);
        QTest::newRow("edge earlier") << "Film"
                                      << "Move Nearest Edge One Frame Earlier"
                                      << QKeySequence(Qt::ALT | Qt::Key_Comma);
        QTest::newRow("edge later") << "Film"
                                    << "Move Nearest Edge One Frame Later"
                                    << QKeySequence(Qt::ALT | Qt::Key_Period);
        QTest::newRow("segment") << "Film"
                                 << "Segment Film into Clips"
                                 << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G);
        QTest::newRow("play") << "Playback"
                              << "Play / Pause" << QKeySequence(Qt::Key_Space);
        QTest::newRow("prev frame") << "Playback"
                                    << "Previous Frame" << QKeySequence(Qt::Key_Comma);
        QTest::newRow("next frame") << "Playback"
                                    << "Next Frame" << QKeySequence(Qt::Key_Period);
        QTest::newRow("slower") << "Playback"
                                << "Slower" << QKeySequence(Qt::Key_BracketLeft);
        QTest::newRow("faster") << "Playback"
                                << "Faster" << QKeySequence(Qt::Key_BracketRight);
        QTest::newRow("loop") << "Playback"
                              << "Loop Clip" << QKeySequence(Qt::Key_L);
        QTest::newRow("prev clip") << "Playback"
                                   << "Previous Clip" << QKeySequence(Qt::Key_Up);
        QTest::newRow("next clip") << "Playback"
                                   << "Next Clip" << QKeySequence(Qt::Key_Down);
        QTest::newRow("zoom in") << "Playback"
                                 << "Zoom In" << QKeySequence(Qt::Key_Plus);
        QTest::newRow("zoom out") << "Playback"
                                  << "Zoom Out" << QKeySequence(Qt::Key_Minus);
        QTest::newRow("whole") << "Playback"
                               << "Whole Film" << QKeySequence(Qt::Key_0);
        QTest::newRow("runs") << "View"
                              << "Runs and Comparisons" << QKeySequence(Qt::CTRL | Qt::Key_R);
        QTest::newRow("explain") << "View"
                                 << "Explain a Run" << QKeySequence(Qt::CTRL | Qt::Key_E);
        QTest::newRow("extract") << "View"
                                 << "Extract Features"
                                 << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
    }
    void keys()
    {
        QFETCH(QString, menu);
        QFETCH(QString, text);
        QFETCH(QKeySequence, key);
        QAction *a = entry(menu, text);
        QVERIFY2(a, qPrintable(text));
        // A standard key the platform lacks (Quit offscreen) is an empty sequence.
        if (key.isEmpty())
            QVERIFY(a->shortcut().isEmpty());
        else
            QVERIFY2(a->shortcuts().contains(key), qPrintable(a->shortcut().toString()));
    }

    void redoHasThePlatformKeysAndZoomInTheEqualsKey()
    {
        QAction *redo = entry("Edit", "Redo");
        for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Redo))
            QVERIFY(redo->shortcuts().contains(k));
        QVERIFY(entry("Playback", "Zoom In")->shortcuts().contains(QKeySequence(Qt::Key_Equal)));
    }

    // A key press on the window becomes the request it names.
    void keysSayWhatWasAsked()
    {
        m_actions->updateEnabled(true, true);
        QSignalSpy level(m_actions, &ui::MainActions::levelRequested);
        QSignalSpy play(m_actions, &ui::MainActions::playPauseRequested);
        QSignalSpy frame(m_actions, &ui::MainActions::frameStepRequested);
        QSignalSpy clip(m_actions, &ui::MainActions::clipStepRequested);
        QSignalSpy next(m_actions, &ui::MainActions::nextUnannotatedRequested);
        QSignalSpy clear(m_actions, &ui::MainActions::clearRequested);
        QTest::keyClick(m_window.get(), Qt::Key_2);
        QCOMPARE(level.size(), 1);
        QCOMPARE(level.first().first().value<core::Level>(), core::Level::HardNegative);
        QTest::keyClick(m_window.get(), Qt::Key_Space);
        QCOMPARE(play.size(), 1);
        QTest::keyClick(m_window.get(), Qt::Key_Comma);
        QTest::keyClick(m_window.get(), Qt::Key_Period);
        QCOMPARE(frame.size(), 2);
        QCOMPARE(frame.at(0).first().toInt(), -1);
        QCOMPARE(frame.at(1).first().toInt(), 1);
        QTest::keyClick(m_window.get(), Qt::Key_Down);
        QCOMPARE(clip.size(), 1);
        QCOMPARE(clip.first().first().toInt(), 1);
        QTest::keyClick(m_window.get(), Qt::Key_N);
        QCOMPARE(next.size(), 1);
        QTest::keyClick(m_window.get(), Qt::Key_Delete);
        QCOMPARE(clear.size(), 1);
    }

    void playerKeysStandAsideWhileTyping()
    {
        QSignalSpy play(m_actions, &ui::MainActions::playPauseRequested);
        QSignalSpy frame(m_actions, &ui::MainActions::frameStepRequested);
        QSignalSpy clip(m_actions, &ui::MainActions::clipStepRequested);
        m_field->setFocus();
        QTRY_VERIFY(m_field->hasFocus());
        QVERIFY(ui::MainActions::typing());
        QTest::keyClick(m_field, Qt::Key_Space);
        QTest::keyClick(m_field, Qt::Key_Period);
        QTest::keyClick(m_field, Qt::Key_Up);
        QCOMPARE(play.size(), 0);
        QCOMPARE(frame.size(), 0);
        QCOMPARE(clip.size(), 0);
        // The field got the characters the keys stood aside for.
        QCOMPARE(m_field->text(), QStringLiteral(" ."));
    }

    void enablingRules()
    {
        m_actions->updateEnabled(false, false);
        QVERIFY(!m_actions->addFilmsAction()->isEnabled());
        QVERIFY(!m_actions->importAction()->isEnabled());
        QVERIFY(!m_actions->exportAction()->isEnabled());
        QVERIFY(!m_actions->nextUnannotatedAction()->isEnabled());
        QVERIFY(!m_actions->clearAction()->isEnabled());
        for (QAction *a : m_actions->levelActions())
            QVERIFY(!a->isEnabled());
        QVERIFY(entry("File", "New Project")->isEnabled());
        QVERIFY(entry("File", "Open Project")->isEnabled());
        // A clip without a project is no clip.
        m_actions->updateEnabled(false, true);
        QVERIFY(!m_actions->clearAction()->isEnabled());
        m_actions->updateEnabled(true, false);
        QVERIFY(m_actions->addFilmsAction()->isEnabled());
        QVERIFY(m_actions->importAction()->isEnabled());
        QVERIFY(m_actions->nextUnannotatedAction()->isEnabled());
        QVERIFY(!m_actions->clearAction()->isEnabled());
        QVERIFY(!m_actions->levelActions().first()->isEnabled());
        m_actions->updateEnabled(true, true);
        QVERIFY(m_actions->clearAction()->isEnabled());
        for (QAction *a : m_actions->levelActions())
            QVERIFY(a->isEnabled());
        // A disabled level key asks for nothing.
        m_actions->updateEnabled(true, false);
        QSignalSpy level(m_actions, &ui::MainActions::levelRequested);
        QTest::keyClick(m_window.get(), Qt::Key_3);
        QCOMPARE(level.size(), 0);
    }

    // One bare key per concept (the window passes the taxonomy's), listed
    // under Annotate > Concepts, standing aside while a field has the keyboard.
    void conceptKeys()
    {
        m_actions->setConceptKeys({{"Body", u'B'}, {"Look & gaze", u'K'}, {"Keyless", QChar()}});
        QCOMPARE(menu("Annotate")->actions().at(5)->menu()->actions().size(), 3);
        QCOMPARE(m_actions->conceptActions().at(1)->text(), QStringLiteral("Look && gaze"));
        QVERIFY(m_actions->conceptActions().at(2)->shortcut().isEmpty());
        QSignalSpy toggle(m_actions, &ui::MainActions::conceptToggleRequested);
        QSignalSpy filter(m_actions, &ui::MainActions::conceptFilterRequested);
        // Disabled without a clip.
        m_actions->updateEnabled(true, false);
        QTest::keyClick(m_window.get(), Qt::Key_B);
        QTest::keyClick(m_window.get(), Qt::Key_Slash);
        QCOMPARE(toggle.size(), 0);
        QCOMPARE(filter.size(), 0);
        m_actions->updateEnabled(true, true);
        QTest::keyClick(m_window.get(), Qt::Key_B);
        QTest::keyClick(m_window.get(), Qt::Key_K);
        QCOMPARE(toggle.size(), 2);
        QCOMPARE(toggle.at(0).first().toString(), QStringLiteral("Body"));
        QCOMPARE(toggle.at(1).first().toString(), QStringLiteral("Look & gaze"));
        QTest::keyClick(m_window.get(), Qt::Key_Slash);
        QCOMPARE(filter.size(), 1);
        // Typing: the letters go into the field.
        m_field->setFocus();
        QTRY_VERIFY(m_field->hasFocus());
        QTest::keyClick(m_field, Qt::Key_B);
        QTest::keyClick(m_field, Qt::Key_Slash);
        QCOMPARE(toggle.size(), 2);
        QCOMPARE(filter.size(), 1);
        QCOMPARE(m_field->text(), QStringLiteral("b/"));
        // Another taxonomy replaces the keys; the old ones ask for nothing.
        m_plain->setFocus();
        m_actions->setConceptKeys({{"Voice", u'D'}});
        QCOMPARE(m_actions->conceptActions().size(), 1);
        QVERIFY(m_actions->conceptActions().first()->isEnabled());
        QTest::keyClick(m_window.get(), Qt::Key_B);
        QCOMPARE(toggle.size(), 2);
        QTest::keyClick(m_window.get(), Qt::Key_D);
        QCOMPARE(toggle.size(), 3);
        QCOMPARE(toggle.at(2).first().toString(), QStringLiteral("Voice"));
    }

    void undoAndRedoFollowTheStack()
    {
        QAction *undo = entry("Edit", "Undo");
        QVERIFY(!undo->isEnabled());
        int value = 0;
        struct Step : QUndoCommand
        {
            int &v;
            explicit Step(int &value) : v(value) {}
            void redo() override { ++v; }
            void undo() override { --v; }
        };
        m_undo->push(new Step(value));
        QCOMPARE(value, 1);
        QVERIFY(undo->isEnabled());
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(value, 0);
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(value, 1);
    }

    void recentProjectsListedAndOpened()
    {
        QVERIFY(!m_actions->recentMenu()->isEnabled());
        m_settings->addRecentProject(m_dir.filePath("a.msproj"));
        m_settings->addRecentProject(m_dir.filePath("b.msproj"));
        m_actions->rebuildRecentMenu();
        QVERIFY(m_actions->recentMenu()->isEnabled());
        const QList<QAction *> items = m_actions->recentMenu()->actions();
        QCOMPARE(items.size(), 2);
        QVERIFY(items[0]->text().endsWith("b.msproj")); // most recent first
        QSignalSpy open(m_actions, &ui::MainActions::openRecentRequested);
        items[1]->trigger();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), m_dir.filePath("a.msproj"));
        // The menu follows the settings each time it opens.
        m_settings->removeRecentProject(m_dir.filePath("b.msproj"));
        emit m_actions->recentMenu()->aboutToShow();
        QCOMPARE(m_actions->recentMenu()->actions().size(), 1);
    }

    void viewMenuListsDocks()
    {
        QAction toggle(QStringLiteral("Training"));
        m_actions->addToViewMenu(&toggle);
        QCOMPARE(m_actions->viewMenu()->actions().last(), &toggle);
    }

    void menuEntriesSayWhatWasAsked()
    {
        QSignalSpy stats(m_actions, &ui::MainActions::statisticsRequested);
        QSignalSpy agreement(m_actions, &ui::MainActions::agreementRequested);
        QSignalSpy explain(m_actions, &ui::MainActions::explainRequested);
        QSignalSpy annotator(m_actions, &ui::MainActions::changeAnnotatorRequested);
        entry("View", "Statistics")->trigger();
        entry("View", "Inter-annotator Agreement")->trigger();
        entry("View", "Explain a Run")->trigger();
        entry("Edit", "Change Annotator Name")->trigger();
        QCOMPARE(stats.size(), 1);
        QCOMPARE(agreement.size(), 1);
        QCOMPARE(explain.size(), 1);
        QCOMPARE(annotator.size(), 1);
        entry("File", "Quit")->trigger();
        QTRY_VERIFY(!m_window->isVisible());
    }
};

QTEST_MAIN(TestMainActions)
#include "tst_mainactions.moc"
