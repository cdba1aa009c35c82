// Annotating from the keyboard alone (issue 13), offscreen: every key goes
// through QTest to the widget that has the keyboard in the main window, as a
// user's would, and the project file is read back through a connection of
// its own, so a key counts only when its change reached the database.
#include "core/conceptkeymap.h"
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/taxonomyrepository.h"
#include "tests/testsupport.h"
#include "ui/annotationcontroller.h"
#include "ui/annotationpanel.h"
#include "ui/clipbrowser.h"
#include "ui/mainactions.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;
using core::Level;

class TestKeyboardAnnotation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ui::MainWindow> m_window;
    int m_presses = 0;

    QString makeProject(const QString &name, int clips)
    {
        const QString path = m_dir.filePath(name);
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
        QList<core::ImportRecord> records;
        for (int i = 0; i < clips; ++i)
            records.append(test::timedRecord(
                QStringLiteral("k%1").arg(i + 1, 2, 10, QLatin1Char('0')), "tt0000001", i * 5000));
        db::ImportService(project).apply(records, "setup", "test");
        return path;
    }

    std::optional<core::Annotation> stored(const QString &clip)
    {
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(project.sql());
        const auto c = repo.clipByName(clip);
        if (!c)
            qFatal("no clip %s", qPrintable(clip));
        return repo.effectiveAnnotation(c->id);
    }

    QString currentClip()
    {
        const qint64 id = m_window->clipBrowser()->currentClipId();
        const core::Clip *c = m_window->document() ? m_window->document()->clip(id) : nullptr;
        return c ? c->name : QString();
    }

    // One key press into whatever has the keyboard in the window, counted.
    void press(int key, Qt::KeyboardModifiers mods = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget();
        if (!target || target->window() != m_window.get())
            target = m_window.get();
        QTest::keyClick(target, Qt::Key(key), mods);
        ++m_presses;
    }

    void pressChar(QChar c)
    {
        const QChar u = c.toUpper();
        press(u.unicode());
    }

    ui::AnnotationPanel *panel() { return m_window->annotationPanel(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        static int n = 0;
        m_path = makeProject(QStringLiteral("k%1.msproj").arg(++n), 30);
        m_window = std::make_unique<ui::MainWindow>(
            ui::Settings(m_dir.filePath(QStringLiteral("settings%1.ini").arg(n))));
        m_window->setAnnotator(QStringLiteral("alice"));
        m_window->show();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY2(m_window->openProject(m_path), qPrintable(m_window->lastError()));
        m_window->clipBrowser()->view()->setFocus();
        m_presses = 0;
    }

    void cleanup() { m_window.reset(); }

    void conceptKeysShownOnCheckboxesAndInTheMenu()
    {
        const core::ConceptKeyMap &keys = panel()->conceptKeys();
        QCOMPARE(keys.keyOf("Body"), QChar(u'B'));
        QVERIFY2(panel()->conceptBox("Body")->text().endsWith("[B]"),
                 qPrintable(panel()->conceptBox("Body")->text()));
        QVERIFY2(panel()->conceptBox("Speech")->text().endsWith("[H]"),
                 qPrintable(panel()->conceptBox("Speech")->text()));
        // One action per concept, with its key, under Annotate > Concepts.
        const QList<QAction *> &actions = m_window->actions()->conceptActions();
        QCOMPARE(actions.size(), 12);
        QSet<QKeySequence> taken;
        for (QAction *a : actions) {
            QVERIFY(!a->shortcut().isEmpty());
            QVERIFY(!taken.contains(a->shortcut()));
            taken.insert(a->shortcut());
        }
        // No concept key collides with another action of the window.
        for (QAction *a : m_window->findChildren<QAction *>()) {
            if (actions.contains(a))
                continue;
            for (const QKeySequence &k : a->shortcuts())
                QVERIFY2(!taken.contains(k), qPrintable(a->text() + " " + k.toString()));
        }
        QCOMPARE(m_window->actions()->conceptFilterAction()->shortcut(),
                 QKeySequence(Qt::Key_Slash));
    }

    // The figures of issue 13: at most 2 keys per EN clip (move, level) and at
    // most 5 per S clip with two concepts (move, level, two concepts).
    void thirtyClipsFromTheKeyboardAlone()
    {
        const QList<QStringList> pairs = {
            {"Body", "Look"},
            {"Speech", "Voice"},
            {"Clothes", "Soundtrack"},
            {"Posture", "Appearance"},
            {"Type of plan", "Narratology"},
            {"Activities", "Exp of emotion"},
        };
        const core::ConceptKeyMap &keys = panel()->conceptKeys();
        int enClips = 0, sClips = 0, enKeys = 0, sKeys = 0, maxEn = 0, maxS = 0;
        QHash<QString, QStringList> expected;
        QCOMPARE(currentClip(), QStringLiteral("k01"));
        for (int i = 0; i < 30; ++i) {
            const QString name = QStringLiteral("k%1").arg(i + 1, 2, 10, QLatin1Char('0'));
            const int before = m_presses;
            if (i > 0)
                press(i % 2 ? Qt::Key_Down : Qt::Key_N); // both reach the next clip here
            QCOMPARE(currentClip(), name);
            const bool sure = i % 3 == 2;
            if (!sure) {
                press(Qt::Key_1);
                const int n = m_presses - before;
                ++enClips;
                enKeys += n;
                maxEn = std::max(maxEn, n);
                expected.insert(name, {});
                QCOMPARE(stored(name)->level, Level::EasyNegative);
                continue;
            }
            press(Qt::Key_3);
            const QStringList pair = pairs.at((i / 3) % pairs.size());
            for (const QString &c : pair)
                pressChar(keys.keyOf(c));
            const int n = m_presses - before;
            ++sClips;
            sKeys += n;
            maxS = std::max(maxS, n);
            expected.insert(name, pair);
            const auto a = stored(name);
            QVERIFY(a);
            QCOMPARE(a->level, Level::Sure);
            QCOMPARE(QSet<QString>(a->concepts.begin(), a->concepts.end()),
                     QSet<QString>(pair.begin(), pair.end()));
        }
        qInfo("keyboard annotation of 30 clips: %d EN clips in %d keys (at most %d per clip), "
              "%d S clips with two concepts in %d keys (at most %d per clip), %d keys in all",
              enClips, enKeys, maxEn, sClips, sKeys, maxS, m_presses);
        QCOMPARE(enClips, 20);
        QCOMPARE(sClips, 10);
        QVERIFY2(maxEn <= 2, qPrintable(QString::number(maxEn)));
        QVERIFY2(maxS <= 5, qPrintable(QString::number(maxS)));

        // Every clip as typed, read back from the file.
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const auto a = stored(it.key());
            QVERIFY2(a, qPrintable(it.key()));
            QCOMPARE(a->annotator, QStringLiteral("alice"));
            QCOMPARE(a->concepts.size(), it.value().size());
        }
        // Each level and each tick is one undoable change.
        QCOMPARE(m_window->controller()->undoStack()->count(), 30 + 2 * 10);
        // N now finds nothing left to annotate and says so.
        press(Qt::Key_N);
        QCOMPARE(currentClip(), QStringLiteral("k30"));
        // Undo takes back the last tick only.
        press(Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(stored("k30")->concepts, QStringList{expected.value("k30").first()});
        QCOMPARE(stored("k30")->level, Level::Sure);
        // Up goes back a clip.
        press(Qt::Key_Up);
        QCOMPARE(currentClip(), QStringLiteral("k29"));
    }

    void conceptKeyTogglesAndNeedsALevel()
    {
        QCOMPARE(currentClip(), QStringLiteral("k01"));
        press(Qt::Key_B);
        QVERIFY(!stored("k01")); // refused: no level yet, nothing written
        press(Qt::Key_3);
        press(Qt::Key_B);
        QCOMPARE(stored("k01")->concepts, QStringList{"Body"});
        QVERIFY(panel()->conceptBox("Body")->isChecked());
        press(Qt::Key_B);
        QVERIFY(stored("k01")->concepts.isEmpty());
        QVERIFY(!panel()->conceptBox("Body")->isChecked());
        // Typing a note: the letters go into the note, not to the concepts.
        panel()->noteEdit()->setFocus();
        press(Qt::Key_B);
        press(Qt::Key_Return);
        QCOMPARE(stored("k01")->note, QStringLiteral("b"));
        QVERIFY(stored("k01")->concepts.isEmpty());
    }

    void typeAheadTicksAConcept()
    {
        // A bare Enter of the window (clip editing makes a clip with it) does
        // not take Enter from the filter.
        auto *windowEnter = new QAction(m_window.get());
        windowEnter->setShortcut(QKeySequence(Qt::Key_Return));
        m_window->addAction(windowEnter);
        QSignalSpy enterSpy(windowEnter, &QAction::triggered);
        m_window->clipBrowser()->view()->setFocus();
        press(Qt::Key_3);
        press(Qt::Key_Slash);
        QLineEdit *filter = panel()->conceptFilter();
        QVERIFY(!filter->isHidden());
        QCOMPARE(QApplication::focusWidget(), filter);
        for (QChar c : QStringLiteral("spe"))
            press(c.toUpper().unicode());
        QCOMPARE(filter->text(), QStringLiteral("spe"));
        QCOMPARE(panel()->filterChoice(), QStringLiteral("Speech"));
        QVERIFY(!panel()->conceptBox("Body")->isVisibleTo(panel()));
        press(Qt::Key_Return);
        QVERIFY(filter->isHidden());
        QCOMPARE(stored("k01")->concepts, QStringList{"Speech"});
        // The keyboard is back where it was: the next keys act on the clip.
        QCOMPARE(QApplication::focusWidget(), m_window->clipBrowser()->view());
        QVERIFY(panel()->conceptBox("Body")->isVisibleTo(panel()));

        // Word starts match too; Down chooses the next match and leaves the
        // clip alone; Escape closes without a change.
        press(Qt::Key_Slash);
        for (QChar c : QStringLiteral("of"))
            press(c.toUpper().unicode());
        QCOMPARE(panel()->filterChoice(), QStringLiteral("Type of plan"));
        press(Qt::Key_Down);
        QCOMPARE(panel()->filterChoice(), QStringLiteral("Exp of emotion"));
        QCOMPARE(currentClip(), QStringLiteral("k01"));
        press(Qt::Key_Escape);
        QVERIFY(filter->isHidden());
        QCOMPARE(stored("k01")->concepts, QStringList{"Speech"});

        // Enter on a ticked concept unticks it; nothing matching ticks nothing.
        press(Qt::Key_Slash);
        for (QChar c : QStringLiteral("speech"))
            press(c.toUpper().unicode());
        press(Qt::Key_Return);
        QVERIFY(stored("k01")->concepts.isEmpty());
        press(Qt::Key_Slash);
        for (QChar c : QStringLiteral("zzz"))
            press(c.toUpper().unicode());
        QVERIFY(panel()->filterChoice().isEmpty());
        press(Qt::Key_Return);
        QVERIFY(stored("k01")->concepts.isEmpty());
        QCOMPARE(m_window->controller()->undoStack()->count(), 3); // level, tick, untick
        QCOMPARE(enterSpy.size(), 0);
    }

    // Edited in the window: one undoable change, shown at once on the
    // checkbox and in the keys; a key taken or reserved is refused in words.
    void keyEditedInTheWindowIsUndoable()
    {
        ui::AnnotationController *c = m_window->controller();
        QVERIFY(c->setConceptKey("Body", "x"));
        QVERIFY(panel()->conceptBox("Body")->text().endsWith("[X]"));
        QCOMPARE(panel()->conceptKeys().keyOf("Body"), QChar(u'X'));
        {
            db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
            QCOMPARE(db::TaxonomyRepository(project.sql()).load().find("Body")->shortcut,
                     QStringLiteral("X"));
        }
        QVERIFY(!c->setConceptKey("Look", "X"));
        QVERIFY2(c->lastError().contains("already the key of 'Body'"), qPrintable(c->lastError()));
        QVERIFY(!c->setConceptKey("Look", "3"));
        QVERIFY2(c->lastError().contains("the window uses it"), qPrintable(c->lastError()));
        press(Qt::Key_3);
        press(Qt::Key_X);
        QCOMPARE(stored("k01")->concepts, QStringList{"Body"});
        // Undo the tick, the level, then the key: B ticks Body again.
        press(Qt::Key_Z, Qt::ControlModifier);
        press(Qt::Key_Z, Qt::ControlModifier);
        press(Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(panel()->conceptBox("Body")->text().endsWith("[B]"));
        press(Qt::Key_2);
        press(Qt::Key_B);
        QCOMPARE(stored("k01")->concepts, QStringList{"Body"});
        press(Qt::Key_X);
        QCOMPARE(stored("k01")->concepts, QStringList{"Body"}); // X is nobody's now
        // Back to the default key by an empty one.
        QVERIFY(c->setConceptKey("Voice", "Q"));
        QVERIFY(c->setConceptKey("Voice", ""));
        QCOMPARE(panel()->conceptKeys().keyOf("Voice"), QChar(u'D'));
    }

    void ownKeyFromTheTaxonomy()
    {
        // A key the user chose (stored with the concept) replaces the default.
        m_window->closeProject();
        {
            db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenExisting);
            db::TaxonomyRepository repo(project.sql());
            QCOMPARE(repo.setShortcut("Voice", "q"), QStringLiteral("Q"));
            QVERIFY_THROWS_EXCEPTION(core::UserError, repo.setShortcut("Body", "Q"));
            QVERIFY_THROWS_EXCEPTION(core::UserError, repo.setShortcut("Body", "S"));
            QCOMPARE(repo.load().find("Voice")->shortcut, QStringLiteral("Q"));
        }
        QVERIFY(m_window->openProject(m_path));
        m_window->clipBrowser()->view()->setFocus();
        QVERIFY(panel()->conceptBox("Voice")->text().endsWith("[Q]"));
        press(Qt::Key_2);
        press(Qt::Key_Q);
        QCOMPARE(stored("k01")->concepts, QStringList{"Voice"});
        press(Qt::Key_D); // Voice's default key, free now: nothing
        QCOMPARE(stored("k01")->concepts, QStringList{"Voice"});
    }
};

QTEST_MAIN(TestKeyboardAnnotation)
#include "tst_keyboardannotation.moc"
