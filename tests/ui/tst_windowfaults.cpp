// The window under faults (issue 17), offscreen: a project that cannot be
// written, its file deleted or its folder moved away while open, a full disk
// while annotating, another process (modalscope-cli) writing the same project
// at the same time, and the window killed with SIGKILL in the middle of a
// burst of edits. Each test provokes the fault on a real project file, checks
// what the user is told, and reads the file back through a connection of its
// own: nothing committed may be lost, integrity_check must say ok.
//
// (GStreamer's plugins missing is tst_playbackfallback's.)
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "database/sqlitedatabase.h"
#include "tests/testsupport.h"
#include "ui/annotationcontroller.h"
#include "ui/cliptablemodel.h"
#include "ui/mainwindow.h"
#include "ui/projectbanner.h"
#include "ui/projectdocument.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace ms;
using core::Level;

namespace {

// As root, file permissions do not stop a write (CAP_DAC_OVERRIDE), so a
// read-only file could not be tested: drop the capabilities that override
// them, for good, from this process (and the children it starts). False
// when that is not possible.
bool honourFilePermissions()
{
    if (geteuid() != 0)
        return true;
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0)
        return false;
    for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER}) {
        data[cap / 32].effective &= ~(1u << (cap % 32));
        data[cap / 32].permitted &= ~(1u << (cap % 32));
        data[cap / 32].inheritable &= ~(1u << (cap % 32));
    }
    return syscall(SYS_capset, &header, data) == 0;
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Closes every message box the window shows (QMessageBox::critical runs a
// nested event loop, in which this timer fires) and keeps its text.
class DialogCatcher : public QObject
{
public:
    QStringList texts;
    DialogCatcher()
    {
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                texts.append(box->text());
                box->done(QMessageBox::Ok);
            }
        });
        timer->start(20);
    }
};

} // namespace

class TestWindowFaults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    bool m_permissions = false;

    // Five clips of two films; a1 S, a3 EN, the rest unannotated.
    QString makeProject(const QString &path)
    {
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
        db::ImportService(project).apply(
            {test::timedRecord("a1", "tt0000001", 0, 4000, Level::Sure),
             test::timedRecord("a2", "tt0000001", 5000, 4000, std::nullopt),
             test::timedRecord("a3", "tt0000001", 10000, 4000, Level::EasyNegative),
             test::timedRecord("b1", "tt0000002", 0, 4000, std::nullopt),
             test::timedRecord("b2", "tt0000002", 5000, 4000, std::nullopt)},
            "setup", "test");
        return path;
    }

    std::unique_ptr<ui::MainWindow> openWindow(const QString &path)
    {
        auto window = std::make_unique<ui::MainWindow>();
        window->setAnnotator(QStringLiteral("tester"));
        if (!window->openProject(path))
            qWarning("open failed: %s", qPrintable(window->lastError()));
        return window;
    }

    static qint64 clipId(ui::MainWindow &w, const QString &name)
    {
        for (const core::Clip &c : w.document()->clips())
            if (c.name == name)
                return c.id;
        return 0;
    }

    // What another program reads from the file: the clip's current level
    // (any annotator), the integrity check and the annotation count.
    static std::optional<Level> storedLevel(const QString &path, const QString &clip)
    {
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting);
        db::AnnotationRepository repo(project.sql());
        const auto c = repo.clipByName(clip);
        if (!c)
            return std::nullopt;
        const auto a = repo.effectiveAnnotation(c->id);
        return a ? std::optional(a->level) : std::nullopt;
    }

    static QString integrity(const QString &path)
    {
        db::SqliteDatabase raw(path, db::SqliteDatabase::Mode::OpenExisting);
        db::SqliteStatement st(raw, "PRAGMA integrity_check");
        return st.step() ? st.text(0) : QStringLiteral("no answer");
    }

    static QString levelCell(ui::MainWindow &w, const QString &clip)
    {
        ui::ClipTableModel *m = w.clipModel();
        for (int row = 0; row < m->rowCount(); ++row)
            if (m->index(row, ui::ClipTableModel::ClipColumn).data().toString() == clip)
                return m->index(row, ui::ClipTableModel::LevelColumn).data().toString();
        return QStringLiteral("<no row>");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_permissions = honourFilePermissions();
    }

    // A project whose file (or folder) cannot be written opens read-only:
    // the banner and the title say so, edits are refused in words, and the
    // file is byte for byte as it was (no WAL switch, no -wal or -shm left
    // beside it). Once writable again it opens for editing.
    void readOnlyProjectOpensWithBanner_data()
    {
        QTest::addColumn<bool>("folderToo");
        QTest::newRow("file and folder read-only") << true;
        QTest::newRow("file read-only") << false;
    }
    void readOnlyProjectOpensWithBanner()
    {
        if (!m_permissions)
            QSKIP("running as root and the capabilities that ignore file permissions cannot be "
                  "dropped here");
        QFETCH(bool, folderToo);
        const QString folder = m_dir.filePath(folderToo ? "ro-both" : "ro-file");
        QVERIFY(QDir().mkpath(folder));
        const QString path = makeProject(folder + "/p.msproj");
        // Closed cleanly: the WAL is checkpointed away, only the file is left.
        QFile::remove(path + "-wal");
        QFile::remove(path + "-shm");
        const QByteArray before = fileHash(path);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        if (folderToo)
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
        auto restore = qScopeGuard([&] {
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        });

        DialogCatcher dialogs;
        auto w = openWindow(path);
        QVERIFY2(w->document(), qPrintable(w->lastError()));
        QVERIFY(w->document()->isReadOnly());
        QCOMPARE(w->clipModel()->rowCount(), 5);
        QCOMPARE(levelCell(*w, "a1"), QStringLiteral("S"));
        QVERIFY(w->projectBanner()->isVisibleTo(w.get()));
        QVERIFY2(w->projectBanner()->text().contains("Read-only"), qPrintable(w->projectBanner()->text()));
        QVERIFY(w->windowTitle().contains("[read-only]"));

        ui::AnnotationController *c = w->controller();
        QVERIFY(!c->setLevel(clipId(*w, "a2"), Level::Sure));
        QVERIFY2(c->lastError().contains("read-only") && c->lastError().contains(path),
                 qPrintable(c->lastError()));
        QVERIFY(!c->setNote(clipId(*w, "a1"), "a note"));
        QVERIFY(!c->setClipTimes(clipId(*w, "a1"), 0, 3000));
        QVERIFY2(c->lastError().contains("read-only"), qPrintable(c->lastError()));
        QCOMPARE(c->undoStack()->count(), 0);
        // What the window shows is still the file.
        QCOMPARE(levelCell(*w, "a2"), QStringLiteral("\u2013")); // not annotated
        w.reset();
        QCOMPARE(fileHash(path), before);
        // No -wal or -shm left behind (they would keep the file read-only
        // once it is writable again).
        QVERIFY(!QFile::exists(path + "-shm"));
        QVERIFY(!QFile::exists(path + "-wal"));
        QCOMPARE(integrity(path), QStringLiteral("ok"));
        restore.dismiss();
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        auto again = openWindow(path);
        QVERIFY(again->document() && !again->document()->isReadOnly());
        QVERIFY(!again->projectBanner()->isVisibleTo(again.get()));
        QVERIFY(again->controller()->setLevel(clipId(*again, "a2"), Level::Sure));
    }

    // The project file deleted (or its folder moved away, as when a disk is
    // unmounted) while the window has it open: SQLite would go on writing
    // into a file nobody can find. The window notices within seconds (the
    // banner), refuses edits in words, keeps the undo stack as it was, and
    // Save a Copy writes everything committed so far to a new file.
    void projectFileGoneWhileOpen_data()
    {
        QTest::addColumn<bool>("moveFolder");
        QTest::newRow("file deleted") << false;
        QTest::newRow("folder moved away") << true;
    }
    void projectFileGoneWhileOpen()
    {
        QFETCH(bool, moveFolder);
        const QString folder = m_dir.filePath(moveFolder ? "gone-folder" : "gone-file");
        QVERIFY(QDir().mkpath(folder));
        const QString path = makeProject(folder + "/p.msproj");
        DialogCatcher dialogs;
        auto w = openWindow(path);
        QVERIFY(w->document());
        ui::AnnotationController *c = w->controller();
        QVERIFY(c->setLevel(clipId(*w, "a2"), Level::HardNegative));
        QVERIFY(c->setLevel(clipId(*w, "b1"), Level::Sure));
        QVERIFY(!w->projectBanner()->isVisibleTo(w.get()));

        if (moveFolder)
            QVERIFY(QDir().rename(folder, folder + "-elsewhere"));
        else
            QVERIFY(QFile::remove(path));
        // Seen without any edit (the document looks every second).
        QTRY_VERIFY_WITH_TIMEOUT(w->projectBanner()->isVisibleTo(w.get()), 5000);
        QVERIFY2(w->projectBanner()->text().contains("deleted, moved or replaced"),
                 qPrintable(w->projectBanner()->text()));
        QVERIFY(w->projectBanner()->saveCopyButton()->isVisibleTo(w.get()));
        QVERIFY(w->windowTitle().contains("[file gone]"));

        QVERIFY(!c->setLevel(clipId(*w, "b2"), Level::Sure));
        QVERIFY2(c->lastError().contains("deleted, moved or replaced") &&
                     c->lastError().contains("not saved"),
                 qPrintable(c->lastError()));
        QCOMPARE(c->undoStack()->count(), 2);
        QCOMPARE(c->undoStack()->index(), 2);
        QCOMPARE(dialogs.texts.size(), 1);

        // Undo is refused the same way, and the stack stays where the file is.
        c->undoStack()->undo();
        QTRY_COMPARE(c->undoStack()->index(), 2);
        QCOMPARE(dialogs.texts.size(), 2);

        const QString copy = m_dir.filePath(moveFolder ? "rescued-folder.msproj" : "rescued-file.msproj");
        QVERIFY2(w->saveProjectCopy(copy), qPrintable(w->lastError()));
        w.reset();
        QCOMPARE(integrity(copy), QStringLiteral("ok"));
        QCOMPARE(storedLevel(copy, "a1"), std::optional(Level::Sure));
        QCOMPARE(storedLevel(copy, "a2"), std::optional(Level::HardNegative));
        QCOMPARE(storedLevel(copy, "b1"), std::optional(Level::Sure));
        QCOMPARE(storedLevel(copy, "b2"), std::nullopt);
        if (moveFolder) // the moved folder's file has them too
            QCOMPARE(storedLevel(folder + "-elsewhere/p.msproj", "b1"), std::optional(Level::Sure));
    }

    // The disk fills up while annotating (SQLite's max_page_count on the
    // window's own connection: the same SQLITE_FULL a full disk gives). The
    // edit that does not fit is refused with a message that says the disk is
    // full; it is not on the undo stack; every edit committed before is in
    // the file; an undo that does not fit leaves the stack where the file is;
    // once there is room again, editing and undo go on.
    void diskFullWhileAnnotating()
    {
        const QString path = makeProject(m_dir.filePath("full.msproj"));
        DialogCatcher dialogs;
        auto w = openWindow(path);
        QVERIFY(w->document());
        ui::AnnotationController *c = w->controller();
        db::SqliteDatabase &sql = w->document()->database().sql();
        const QList<qint64> ids = {clipId(*w, "a1"), clipId(*w, "a2"), clipId(*w, "a3"),
                                   clipId(*w, "b1"), clipId(*w, "b2")};
        const Level levels[] = {Level::Sure, Level::HardNegative, Level::EasyNegative};
        QVERIFY(c->setLevel(ids[1], Level::Sure));

        // No more pages than the file has now: each edit appends history
        // (and a note makes it longer), so one soon needs a page more.
        sql.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(sql.scalar("PRAGMA page_count")));
        QHash<qint64, Level> committed;
        bool refused = false;
        // 1: done, 0: nothing to change, -1: refused (lastError() says why).
        const auto outcome = [c](bool done) { return done ? 1 : c->lastError().isEmpty() ? 0 : -1; };
        for (int i = 0; i < 2000 && !refused; ++i) {
            const qint64 id = ids[i % ids.size()];
            const Level level = levels[(i / ids.size()) % 3];
            const int before = c->undoStack()->count();
            int r = outcome(c->setNote(id, QString(200, QChar(u'a' + i % 26))));
            if (r >= 0) {
                r = outcome(c->setLevel(id, level));
                if (r >= 0) {
                    committed[id] = level;
                    continue;
                }
            }
            refused = true;
            QVERIFY2(c->lastError().contains("disk is full"), qPrintable(c->lastError()));
            QVERIFY2(c->lastError().contains(path), qPrintable(c->lastError()));
            // The refused edit is not on the stack (the note before it may be).
            QVERIFY(c->undoStack()->count() - before <= 1);
        }
        QVERIFY2(refused, "the disk never filled up");
        QVERIFY(!dialogs.texts.isEmpty());
        QCOMPARE(c->undoStack()->index(), c->undoStack()->count());
        // No transaction was left open on the window's connection.
        QVERIFY(!sql.inTransaction());

        // Everything the window reported done is in the file, as another
        // program reads it.
        for (auto it = committed.cbegin(); it != committed.cend(); ++it)
            QCOMPARE(storedLevel(path, w->document()->clip(it.key())->name), std::optional(it.value()));
        QCOMPARE(integrity(path), QStringLiteral("ok"));

        // Undo needs room too (it is a change with its history entry): one
        // that does not fit is refused, and the stack stays where the file is.
        bool undoRefused = false;
        for (int i = 0; i < 20 && !undoRefused; ++i) {
            const int index = c->undoStack()->index();
            const int shown = dialogs.texts.size();
            c->undoStack()->undo();
            if (dialogs.texts.size() > shown) {
                undoRefused = true;
                QVERIFY2(dialogs.texts.last().contains("disk is full"), qPrintable(dialogs.texts.last()));
                QTRY_COMPARE(c->undoStack()->index(), index);
                QCOMPARE(dialogs.texts.size(), shown + 1);
            } else {
                QCOMPARE(c->undoStack()->index(), index - 1);
            }
        }
        QVERIFY(undoRefused);
        QVERIFY(!sql.inTransaction());
        const int indexAfterUndos = c->undoStack()->index();

        // Room again: the refused undo, and new edits, go through.
        sql.exec("PRAGMA max_page_count = 1073741823");
        c->undoStack()->undo();
        QCOMPARE(c->undoStack()->index(), indexAfterUndos - 1);
        const auto current = w->document()->effectiveAnnotation(ids[4]);
        const Level next = current && current->level == Level::Sure ? Level::HardNegative : Level::Sure;
        QVERIFY2(c->setLevel(ids[4], next), qPrintable(c->lastError()));
        QCOMPARE(storedLevel(path, "b2"), std::optional(next));
        w.reset();
        QCOMPARE(integrity(path), QStringLiteral("ok"));
    }

    // The same project open in the window and changed by modalscope-cli at
    // the same time (WAL): neither refuses the other, every edit of both is
    // in the file, and the window shows the other process's changes within
    // a few seconds, without being asked.
    void concurrentCliWriter()
    {
        const QString path = makeProject(m_dir.filePath("shared.msproj"));
        DialogCatcher dialogs;
        auto w = openWindow(path);
        QVERIFY(w->document());
        QCOMPARE(levelCell(*w, "b1"), QStringLiteral("\u2013")); // not annotated

        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        QStringList script;
        // Ten changes to b1 and b2 by the CLI (each a change), the last b1 S
        // and b2 HN.
        const QString exe = QStringLiteral(MS_CLI_PATH);
        const QStringList b1 = {"EN", "HN", "EN", "HN", "S"}, b2 = {"HN", "EN", "HN", "EN", "HN"};
        for (int i = 0; i < 10; ++i)
            script << QStringLiteral("'%1' annotate --db '%2' --clip %3 --level %4 --annotator cli || exit 1")
                          .arg(exe, path, i % 2 ? "b2" : "b1", (i % 2 ? b2 : b1)[i / 2]);
        cli.start("/bin/sh", {"-c", script.join('\n')});
        QVERIFY(cli.waitForStarted());
        // Meanwhile the window edits a1..a3, each committed at once.
        ui::AnnotationController *c = w->controller();
        int edits = 0;
        QElapsedTimer t;
        t.start();
        while (cli.state() != QProcess::NotRunning && t.elapsed() < 120000) {
            const QString clip = QStringList{"a1", "a2", "a3"}[edits % 3];
            QVERIFY2(c->setLevel(clipId(*w, clip), edits % 2 ? Level::Sure : Level::HardNegative),
                     qPrintable(c->lastError()));
            ++edits;
            QTest::qWait(20);
        }
        if (cli.state() != QProcess::NotRunning)
            QVERIFY2(cli.waitForFinished(120000), "modalscope-cli did not finish");
        QVERIFY2(cli.exitCode() == 0, cli.readAll().constData());
        QVERIFY(dialogs.texts.isEmpty());
        // The window shows the CLI's last changes within a few seconds.
        QTRY_COMPARE_WITH_TIMEOUT(levelCell(*w, "b1"), QStringLiteral("S"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(levelCell(*w, "b2"), QStringLiteral("HN"), 5000);
        // And the file has both processes' last word.
        const Level lastA = (edits - 1) % 2 ? Level::Sure : Level::HardNegative;
        QCOMPARE(storedLevel(path, QStringList{"a1", "a2", "a3"}[(edits - 1) % 3]), std::optional(lastA));
        QCOMPARE(storedLevel(path, "b1"), std::optional(Level::Sure));
        QCOMPARE(storedLevel(path, "b2"), std::optional(Level::HardNegative));
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting);
        QCOMPARE(project.sql().scalar("SELECT count(*) FROM annotation_history WHERE source = 'gui'"),
                 qint64(edits));
        QCOMPARE(project.sql().scalar("SELECT count(*) FROM annotation_history WHERE source = 'cli'"),
                 qint64(10));
        QCOMPARE(integrity(path), QStringLiteral("ok"));
    }

    // The window killed with SIGKILL in the middle of a burst of edits: a
    // child (this program, as the window) edits as fast as it can and
    // reports each edit once the controller says it is done; every edit it
    // reported is in the file, in order, and integrity_check says ok.
    void sigkillDuringEditBurst()
    {
        const QString path = makeProject(m_dir.filePath("burst.msproj"));
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--edit-burst"), path});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        child.setProcessEnvironment(env);
        child.start();
        QVERIFY(child.waitForStarted());
        QStringList reported;
        QByteArray pending;
        QElapsedTimer t;
        t.start();
        while (reported.size() < 60 && t.elapsed() < 120000 && child.state() == QProcess::Running) {
            child.waitForReadyRead(200);
            pending += child.readAllStandardOutput();
            int nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QString line = QString::fromUtf8(pending.left(nl));
                pending.remove(0, nl + 1);
                if (line.startsWith("done "))
                    reported << line.mid(5);
            }
        }
        QVERIFY2(reported.size() >= 60, child.readAllStandardError().constData());
        child.kill(); // SIGKILL: no destructor, no rollback, no flush
        QVERIFY(child.waitForFinished(10000));
        // Lines that came in before the kill took effect are reported too.
        pending += child.readAllStandardOutput();
        for (const QByteArray &l : pending.split('\n'))
            if (l.startsWith("done ") && !l.isEmpty())
                reported << QString::fromUtf8(l.mid(5));

        QCOMPARE(integrity(path), QStringLiteral("ok"));
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting);
        db::SqliteStatement st(project.sql(),
                               "SELECT c.name || ' ' || h.level FROM annotation_history h "
                               "JOIN clips c ON c.id = h.clip_id WHERE h.annotator = 'burst' "
                               "ORDER BY h.id");
        QStringList stored;
        while (st.step())
            stored << st.text(0);
        // Every reported edit, in order; at most one more (committed, not yet reported).
        QVERIFY2(stored.size() >= reported.size() && stored.size() <= reported.size() + 1,
                 qPrintable(QStringLiteral("%1 stored, %2 reported").arg(stored.size()).arg(reported.size())));
        QCOMPARE(stored.mid(0, reported.size()), reported);
    }
};

// The child of sigkillDuringEditBurst: the window on the project, edits as
// fast as the controller takes them, each reported on stdout once done.
static int editBurst(int argc, char **argv)
{
    QApplication app(argc, argv);
    ui::MainWindow w;
    w.setAnnotator(QStringLiteral("burst"));
    if (!w.openProject(QString::fromLocal8Bit(argv[2]))) {
        fprintf(stderr, "%s\n", qPrintable(w.lastError()));
        return 1;
    }
    QList<std::pair<qint64, QString>> clips;
    for (const core::Clip &c : w.document()->clips())
        clips.append({c.id, c.name});
    const Level levels[] = {Level::Sure, Level::HardNegative, Level::EasyNegative};
    for (int i = 0; i < 100000; ++i) {
        const auto &[id, name] = clips[i % clips.size()];
        // Each visit of a clip moves it to the next level: always a change.
        const Level level = levels[(i / clips.size()) % 3];
        if (!w.controller()->setLevel(id, level))
            continue; // unchanged: nothing to report
        printf("done %s %s\n", qPrintable(name), qPrintable(core::levelCode(level)));
        fflush(stdout);
        QCoreApplication::processEvents();
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--edit-burst") == 0)
        return editBurst(argc, argv);
    QApplication app(argc, argv);
    TestWindowFaults t;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&t, argc, argv);
}

#include "tst_windowfaults.moc"
