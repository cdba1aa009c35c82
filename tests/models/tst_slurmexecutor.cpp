#include "models/slurmexecutor.h"

#include "core/error.h"
#include "database/projectdatabase.h"
#include "database/runrepository.h"
#include "modelfixtures.h"
#include "models/experimentbundle.h"
#include "models/experimentrunner.h"
#include "models/openmppolicy.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace ms;
using namespace ms::models;

// A single-node Slurm cluster from Debian's packages (slurm-wlm, munge),
// started by the test on this machine with a minimal configuration of its
// own (no cgroups, no accounting), runs a small grid as one job array: one
// task is killed on purpose (scancel) and resubmitted, and the collected
// results equal a local run's with the same seed.
class TestSlurmExecutor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_cluster;
    bool m_started = false;

    static QString sbin(const QString &name)
    {
        return QStandardPaths::findExecutable(name,
                                              {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                               QStringLiteral("/usr/local/sbin")});
    }
    static QString run(const QString &program, const QStringList &args, int *code = nullptr)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        p.waitForFinished(60000);
        if (code)
            *code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return QString::fromLocal8Bit(p.readAll());
    }
    QString path(const QString &name) const { return QDir(m_cluster).filePath(name); }
    void stopPid(const QString &pidFile)
    {
        QFile f(path(pidFile));
        if (!f.open(QIODevice::ReadOnly))
            return;
        const pid_t pid = pid_t(f.readAll().trimmed().toLongLong());
        if (pid <= 1)
            return;
        ::kill(pid, SIGTERM);
        for (int i = 0; i < 100 && ::kill(pid, 0) == 0; ++i)
            QThread::msleep(100);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QStringList daemons{QStringLiteral("slurmctld"), QStringLiteral("slurmd"),
                                  QStringLiteral("munged")};
        for (const QString &d : daemons)
            if (sbin(d).isEmpty())
                QSKIP(qPrintable(
                    QStringLiteral("%1 is not installed: scripts/install-deps.sh installs "
                                   "Debian's slurm-wlm and munge")
                        .arg(d)));
        for (const char *c : {"sbatch", "squeue", "scancel", "scontrol", "sinfo"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(c)).isEmpty())
                QSKIP(qPrintable(QStringLiteral("%1 is not installed (Slurm's client commands: "
                                                "slurm-client)")
                                     .arg(QLatin1String(c))));
        if (::geteuid() != 0)
            QSKIP("slurmd must run as root to start the tasks of a test cluster");
        QVERIFY(m_tmp.isValid());
        m_cluster = m_tmp.filePath(QStringLiteral("cluster"));
        for (const char *d : {"cluster/state", "cluster/spool", "cluster/log"})
            QVERIFY(QDir().mkpath(m_tmp.filePath(QString::fromLatin1(d))));

        // munge: a key of our own, a socket of our own (never the machine's).
        QFile key(path(QStringLiteral("munge.key")));
        QVERIFY(key.open(QIODevice::WriteOnly));
        QByteArray bytes(1024, '\0');
        for (char &b : bytes)
            b = char(QRandomGenerator::global()->bounded(256));
        key.write(bytes);
        key.close();
        key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        int code = 0;
        const QString mungeOut =
            run(sbin(QStringLiteral("munged")),
                {QStringLiteral("--force"),
                 QStringLiteral("--socket=") + path(QStringLiteral("munge.sock")),
                 QStringLiteral("--key-file=") + path(QStringLiteral("munge.key")),
                 QStringLiteral("--pid-file=") + path(QStringLiteral("munged.pid")),
                 QStringLiteral("--log-file=") + path(QStringLiteral("munged.log")),
                 QStringLiteral("--seed-file=") + path(QStringLiteral("munge.seed"))},
                &code);
        QVERIFY2(code == 0, qPrintable(mungeOut));

        char hostname[256] = {};
        ::gethostname(hostname, sizeof hostname - 1);
        const QString host = QString::fromLocal8Bit(hostname).section(u'.', 0, 0);
        const int port = 20000 + int(::getpid() % 20000) * 2 % 20000;
        const QStringList conf{
            QStringLiteral("ClusterName=modalscope-test"),
            QStringLiteral("SlurmctldHost=%1(127.0.0.1)").arg(host),
            QStringLiteral("SlurmctldPort=%1").arg(port),
            QStringLiteral("SlurmdPort=%1").arg(port + 1), QStringLiteral("AuthType=auth/munge"),
            QStringLiteral("CredType=cred/munge"),
            QStringLiteral("AuthInfo=socket=%1").arg(path(QStringLiteral("munge.sock"))),
            QStringLiteral("SlurmUser=root"), QStringLiteral("SlurmdUser=root"),
            QStringLiteral("StateSaveLocation=%1").arg(path(QStringLiteral("state"))),
            QStringLiteral("SlurmdSpoolDir=%1").arg(path(QStringLiteral("spool"))),
            QStringLiteral("SlurmctldPidFile=%1").arg(path(QStringLiteral("slurmctld.pid"))),
            QStringLiteral("SlurmdPidFile=%1").arg(path(QStringLiteral("slurmd.pid"))),
            QStringLiteral("SlurmctldLogFile=%1").arg(path(QStringLiteral("log/slurmctld.log"))),
            QStringLiteral("SlurmdLogFile=%1").arg(path(QStringLiteral("log/slurmd.log"))),
            // No cgroups on a test machine: plain process tracking.
            QStringLiteral("ProctrackType=proctrack/linuxproc"),
            QStringLiteral("TaskPlugin=task/none"), QStringLiteral("SelectType=select/cons_tres"),
            QStringLiteral("SelectTypeParameters=CR_Core"), QStringLiteral("MpiDefault=none"),
            QStringLiteral("ReturnToService=2"),
            QStringLiteral("JobAcctGatherType=jobacct_gather/none"),
            QStringLiteral("AccountingStorageType=accounting_storage/none"),
            QStringLiteral("SchedulerParameters=sched_min_interval=100000"),
            QStringLiteral("MinJobAge=600"), QStringLiteral("KillWait=2"),
            QStringLiteral("NodeName=%1 NodeAddr=127.0.0.1 CPUs=%2 RealMemory=2000 State=UNKNOWN")
                .arg(host)
                .arg(std::max(2, QThread::idealThreadCount())),
            QStringLiteral("PartitionName=test Nodes=%1 Default=YES MaxTime=INFINITE State=UP")
                .arg(host)};
        QFile cf(path(QStringLiteral("slurm.conf")));
        QVERIFY(cf.open(QIODevice::WriteOnly));
        cf.write((conf.join(u'\n') + u'\n').toUtf8());
        cf.close();
        qputenv("SLURM_CONF", path(QStringLiteral("slurm.conf")).toLocal8Bit());

        const QString ctld = run(sbin(QStringLiteral("slurmctld")), {QStringLiteral("-i")}, &code);
        QVERIFY2(code == 0, qPrintable(ctld));
        const QString slurmd = run(sbin(QStringLiteral("slurmd")), {}, &code);
        QVERIFY2(code == 0, qPrintable(slurmd));
        m_started = true;
        QElapsedTimer t;
        t.start();
        QString state;
        while (t.elapsed() < 30000) {
            state = run(QStringLiteral("sinfo"),
                        {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%T")})
                        .trimmed();
            if (state == u"idle")
                break;
            QThread::msleep(300);
        }
        QVERIFY2(
            state == u"idle",
            qPrintable(QStringLiteral("the test node is '%1'; see %2/log").arg(state, m_cluster)));
    }

    void cleanupTestCase()
    {
        if (!m_started)
            return;
        run(QStringLiteral("scancel"), {QStringLiteral("--user=root")});
        stopPid(QStringLiteral("slurmd.pid"));
        stopPid(QStringLiteral("slurmctld.pid"));
        stopPid(QStringLiteral("munged.pid"));
    }

    void gridOnSlurmGivesTheLocalResults()
    {
        const QString clusterProject = m_tmp.filePath(QStringLiteral("cluster.msproj"));
        const QString localProject = m_tmp.filePath(QStringLiteral("local.msproj"));
        test::makeProject(clusterProject);
        QVERIFY(QFile::copy(clusterProject, localProject));

        ExperimentSpec::Options o;
        o.quick = true;
        o.maxEpochs = 2;
        o.folds = 3;
        o.seed = 11;
        o.device = QStringLiteral("cpu");
        o.trainSets = {QStringLiteral("CMSD")};
        using core::Modality;
        const ExperimentSpec spec = ExperimentSpec::paper(
            o, {{core::ModalitySet{Modality::Visual}, Fusion::None},
                {core::ModalitySet{Modality::Audio, Modality::Visual}, Fusion::Late}});

        const QString dir = m_tmp.filePath(QStringLiteral("bundle"));
        const ExperimentBundle bundle = ExperimentBundle::create(
            dir, db::ProjectLocation::file(clusterProject), spec, QStringLiteral(MS_CLI_PATH));
        // V and A per fold (late fusion's V branch is the V entry's model).
        QCOMPARE(bundle.models().size(), 6);
        QCOMPARE(bundle.missingResults().size(), 6);
        // Writing the bundle into a folder in use is refused.
        bool refused = false;
        try {
            ExperimentBundle::create(dir, db::ProjectLocation::file(clusterProject), spec,
                                     QStringLiteral(MS_CLI_PATH));
        } catch (const core::UserError &e) {
            refused = e.message().contains(u"not empty");
        }
        QVERIFY(refused);

        SlurmExecutor::Options so;
        so.pollMs = 300;
        so.time = QStringLiteral("00:10:00");
        so.memory = QStringLiteral("500M");
        SlurmExecutor slurm(bundle, so);
        QStringList log;
        const auto keep = [&](const QString &l) { log.append(l); };
        const QString job = slurm.submit();
        // Task 1 killed on purpose while it runs.
        QElapsedTimer wait;
        wait.start();
        bool running = false;
        while (!running && wait.elapsed() < 60000) {
            running = run(QStringLiteral("squeue"),
                          {QStringLiteral("-h"), QStringLiteral("-r"), QStringLiteral("-j"), job,
                           QStringLiteral("-o"), QStringLiteral("%i %T")})
                          .contains(job + QStringLiteral("_1 RUNNING"));
            if (!running)
                QThread::msleep(50);
        }
        QVERIFY2(running, "task 1 never ran");
        int code = 0;
        const QString cancelled =
            run(QStringLiteral("scancel"), {job + QStringLiteral("_1")}, &code);
        QVERIFY2(code == 0, qPrintable(cancelled));
        QFile script(slurm.jobScript());
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(script.readAll());
        QVERIFY(text.contains(u"#SBATCH --time=00:10:00") && text.contains(u"#SBATCH --mem=500M"));
        QVERIFY(!text.contains(u"--gres")); // no GPU asked for

        const QList<int> failed = slurm.follow(job, keep);
        QCOMPARE(failed, QList<int>{1});
        QCOMPARE(slurm.taskStates(job).value(1), QStringLiteral("CANCELLED"));
        QVERIFY(log.join(u'\n').contains(u"task 1"));
        // Only the failed task goes again.
        const QString again = slurm.submit(failed);
        QVERIFY(again != job);
        QVERIFY2(slurm.follow(again, keep).isEmpty(), qPrintable(log.join(u'\n')));
        QVERIFY(bundle.missingResults().isEmpty());

        const auto collected = bundle.collect(db::ProjectLocation::file(clusterProject));
        const auto local = ExperimentRunner(db::ProjectLocation::file(localProject), spec).run();
        QCOMPARE(collected.rows.size(), local.rows.size());
        QCOMPARE(collected.modelsTrained, 6);
        for (int i = 0; i < local.rows.size(); ++i) {
            QCOMPARE(collected.rows[i].entry, local.rows[i].entry);
            QCOMPARE(collected.rows[i].fold, local.rows[i].fold);
            QCOMPARE(collected.rows[i].aucPr, local.rows[i].aucPr);
            QCOMPARE(collected.rows[i].rocAuc, local.rows[i].rocAuc);
        }
        // The same weights and predictions in both projects, recorded alike.
        db::ProjectDatabase a(clusterProject, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase b(localProject, db::ProjectDatabase::Mode::OpenExisting);
        db::RunRepository ra(a.sql()), rb(b.sql());
        const auto ma = ra.models(collected.runId), mb = rb.models(local.runId);
        QCOMPARE(ma.size(), mb.size());
        for (int i = 0; i < ma.size(); ++i) {
            QCOMPARE(ma[i].fold, mb[i].fold);
            QCOMPARE(ma[i].trainSet, mb[i].trainSet);
            QVERIFY(ra.model(ma[i].id)->weights == rb.model(mb[i].id)->weights);
        }
        const auto resA = ra.results(collected.runId), resB = rb.results(local.runId);
        QCOMPARE(resA.size(), resB.size());
        for (int i = 0; i < resA.size(); ++i) {
            const auto pa = ra.predictions(resA[i].id), pb = rb.predictions(resB[i].id);
            QCOMPARE(pa.size(), pb.size());
            for (size_t j = 0; j < pa.size(); ++j) {
                QCOMPARE(pa[j].clip, pb[j].clip);
                QCOMPARE(pa[j].score, pb[j].score);
            }
        }
        QCOMPARE(ra.run(collected.runId)->status, QStringLiteral("finished"));
        QVERIFY(ra.run(collected.runId)->device.contains(u"Slurm"));
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv);
    QCoreApplication app(argc, argv);
    TestSlurmExecutor t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_slurmexecutor.moc"
