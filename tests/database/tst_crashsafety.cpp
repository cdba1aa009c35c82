#include "database/annotationrepository.h"
#include "database/projectdatabase.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// A child process writes annotations in a loop and is killed with SIGKILL;
// every change it reported committed must be in the project afterwards, and
// integrity_check must say ok.
class TestCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void killedWriterLosesNothing_data()
    {
        QTest::addColumn<int>("killAfter");
        QTest::newRow("early") << 20;
        QTest::newRow("later") << 400 + int(QRandomGenerator::global()->bounded(400));
    }

    void killedWriterLosesNothing()
    {
        QFETCH(int, killAfter);
        QTemporaryDir dir;
        const QString path = dir.filePath("crash.msproj");
        QProcess writer;
        writer.start(QStringLiteral(MS_TEST_HELPER_DIR "/ms_crashwriter"), {path});
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        QByteArray output;
        QSet<long> reported;
        auto drain = [&] {
            output += writer.readAllStandardOutput();
            qsizetype nl;
            while ((nl = output.indexOf('\n')) >= 0) {
                const QByteArray line = output.left(nl);
                output.remove(0, nl + 1);
                if (line.startsWith("committed "))
                    reported.insert(line.mid(10).toLong());
            }
        };
        while (reported.size() < killAfter) {
            QVERIFY2(writer.state() == QProcess::Running || writer.bytesAvailable(),
                     qPrintable(QString("writer ended early: %1").arg(QString::fromLocal8Bit(writer.readAllStandardError()))));
            writer.waitForReadyRead(5000);
            drain();
        }
        writer.kill(); // SIGKILL on Unix: no destructor, no rollback, no flush
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        drain();

        db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenExisting); // runs integrity_check
        auto check = project.sql().prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), QString("ok"));

        QSet<long> stored;
        auto st = project.sql().prepare(
            "SELECT note FROM annotation_history WHERE annotator = 'crash'");
        while (st.step())
            stored.insert(st.text(0).mid(6).toLong());
        for (long i : std::as_const(reported))
            QVERIFY2(stored.contains(i), qPrintable(QString("change %1 was reported committed but is missing").arg(i)));
        // The current state of each clip is its last stored change.
        db::AnnotationRepository repo(project.sql());
        long last = -1;
        for (long i : std::as_const(stored))
            last = std::max(last, i);
        const auto clips = repo.clips();
        const auto state = repo.state(clips.at(int(last % clips.size())).id, "crash");
        QCOMPARE(state.note, QString("write %1").arg(last));
        qInfo("reported %lld changes, %lld stored", qlonglong(reported.size()), qlonglong(stored.size()));
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
