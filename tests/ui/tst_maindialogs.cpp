// The dialogs behind the menus, answered by the test as a user would: each
// asks, calls the window's operation, and says what went wrong in a box.
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "ui/maindialogs.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace ms;

class TestMainDialogs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    int m_answered = 0;

    // Answers the next modal dialog with `answer` once it is shown.
    void whenModal(std::function<void(QWidget *)> answer)
    {
        auto *timer = new QTimer(this);
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, this, [this, timer, answer] {
            QWidget *w = QApplication::activeModalWidget();
            if (!w)
                return;
            timer->stop();
            timer->deleteLater();
            ++m_answered;
            answer(w);
        });
        timer->start();
    }

    // The box's text, then closes it.
    void readBox(QString *text)
    {
        whenModal([text](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            *text = box ? box->text() : QStringLiteral("(not a message box)");
            w->close();
        });
    }

    QString makeProject()
    {
        const QString path = m_dir.filePath(QStringLiteral("p.msproj"));
        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
        core::ImportRecord r;
        r.clipId = QStringLiteral("a1");
        r.movieId = QStringLiteral("tt0000001");
        r.hasTimes = true;
        r.startMs = 0;
        r.endMs = 4000;
        db::ImportService(project).apply({r}, "setup", "test");
        return path;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        static int n = 0;
        m_answered = 0;
        m_window = std::make_unique<ui::MainWindow>(
            ui::Settings(m_dir.filePath(QStringLiteral("settings%1.ini").arg(++n))));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void explainAndExtractNeedAProject()
    {
        QString text;
        readBox(&text);
        m_window->dialogs()->explainRun();
        QCOMPARE(m_answered, 1);
        QCOMPARE(text, QStringLiteral("Open a project first."));
        readBox(&text);
        m_window->dialogs()->extractFeatures();
        QCOMPARE(m_answered, 2);
        QCOMPARE(text, QStringLiteral("Open a project first."));
    }

    void explainWithoutAFinishedRunSaysTrainFirst()
    {
        QVERIFY(m_window->openProject(makeProject()));
        QString text;
        readBox(&text);
        m_window->dialogs()->explainRun();
        QVERIFY2(text.contains(QStringLiteral("no finished run")), qPrintable(text));
    }

    void extractOffersTheShownFilmOrEveryFilm()
    {
        QVERIFY(m_window->openProject(makeProject()));
        QStringList offered;
        whenModal([&offered](QWidget *w) {
            auto *dialog = qobject_cast<QInputDialog *>(w);
            if (dialog)
                offered = dialog->comboBoxItems();
            w->close(); // cancelled: nothing starts
        });
        m_window->dialogs()->extractFeatures();
        QCOMPARE(offered, QStringList({"This film (tt0000001)", "Every film"}));
        QVERIFY(!m_window->isExtracting());
    }

    void goneRecentProjectLeavesTheList()
    {
        const QString gone = m_dir.filePath(QStringLiteral("gone.msproj"));
        m_window->settings().addRecentProject(gone);
        QVERIFY(m_window->settings().recentProjects().contains(gone));
        QString text;
        readBox(&text);
        m_window->dialogs()->openRecent(gone);
        QVERIFY2(text.contains(QStringLiteral("gone.msproj")), qPrintable(text));
        QVERIFY(!m_window->settings().recentProjects().contains(gone));
        // One that opens stays, first.
        const QString path = makeProject();
        m_window->dialogs()->openRecent(path);
        QCOMPARE(m_answered, 1);
        QVERIFY(m_window->document());
        QCOMPARE(m_window->settings().recentProjects().value(0),
                 QFileInfo(path).absoluteFilePath());
    }

    void annotatorNameAskedAndChanged()
    {
        whenModal([](QWidget *w) {
            auto *dialog = qobject_cast<QInputDialog *>(w);
            QVERIFY(dialog);
            dialog->setTextValue(QStringLiteral("  bob "));
            dialog->accept();
        });
        QCOMPARE(m_window->dialogs()->askAnnotator(), QStringLiteral("bob"));
        whenModal([](QWidget *w) { w->close(); });
        QCOMPARE(m_window->dialogs()->askAnnotator(), QString());
        whenModal([](QWidget *w) {
            auto *dialog = qobject_cast<QInputDialog *>(w);
            QVERIFY(dialog);
            dialog->setTextValue(QStringLiteral("carol"));
            dialog->accept();
        });
        m_window->dialogs()->changeAnnotator();
        QCOMPARE(m_window->annotator(), QStringLiteral("carol"));
        QCOMPARE(m_answered, 3);
    }
};

QTEST_MAIN(TestMainDialogs)
#include "tst_maindialogs.moc"
