#include "models/slurmexecutor.h"

#include "core/atomicfile.h"
#include "core/error.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

namespace ms::models {

namespace {

QString quoted(const QString &s)
{
    QString q = s;
    q.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + q + u'\'';
}

// "0,3,5" for --array.
QString arrayList(const QList<int> &tasks)
{
    QStringList parts;
    for (int t : tasks)
        parts.append(QString::number(t));
    return parts.join(u',');
}

} // namespace

SlurmExecutor::SlurmExecutor(ExperimentBundle bundle, Options options)
    : m_bundle(std::move(bundle)), m_options(std::move(options))
{
}

bool SlurmExecutor::available()
{
    return !QStandardPaths::findExecutable(QStringLiteral("sbatch")).isEmpty() &&
           !QStandardPaths::findExecutable(QStringLiteral("squeue")).isEmpty();
}

QString SlurmExecutor::runCommand(const QString &program, const QStringList &args, int *exitCode)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        throw core::UserError(QStringLiteral("%1 did not start (%2): is Slurm installed and on "
                                             "PATH?")
                                  .arg(program, p.errorString()));
    p.waitForFinished(120000);
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (exitCode) {
        *exitCode = code;
        return code == 0 ? out : err;
    }
    if (code != 0)
        throw core::UserError(
            QStringLiteral("%1 %2 failed: %3")
                .arg(program, args.join(u' '), err.isEmpty() ? out.trimmed() : err));
    return out;
}

QString SlurmExecutor::writeScript()
{
    const QDir d(m_bundle.dir());
    QStringList lines{QStringLiteral("#!/bin/bash"),
                      QStringLiteral("# Written by Modalscope %1: one array task per model of the "
                                     "grid (see experiment.json).")
                          .arg(m_bundle.version()),
                      QStringLiteral("#SBATCH --job-name=modalscope-grid"),
                      QStringLiteral("#SBATCH --output=%1")
                          .arg(d.filePath(QStringLiteral("logs/task-%A_%a.log"))),
                      QStringLiteral("#SBATCH --ntasks=1")};
    if (!m_options.partition.isEmpty())
        lines.append(QStringLiteral("#SBATCH --partition=%1").arg(m_options.partition));
    if (!m_options.time.isEmpty())
        lines.append(QStringLiteral("#SBATCH --time=%1").arg(m_options.time));
    if (!m_options.memory.isEmpty())
        lines.append(QStringLiteral("#SBATCH --mem=%1").arg(m_options.memory));
    if (m_options.gpus > 0)
        lines.append(QStringLiteral("#SBATCH --gres=gpu:%1").arg(m_options.gpus));
    if (m_options.cpusPerTask > 0)
        lines.append(QStringLiteral("#SBATCH --cpus-per-task=%1").arg(m_options.cpusPerTask));
    lines.append(QStringLiteral("set -eu"));
    lines.append(
        QStringLiteral("exec %1 experiment --run-task \"$SLURM_ARRAY_TASK_ID\" --bundle %2")
            .arg(quoted(m_bundle.binaryPath()), quoted(m_bundle.dir())));
    const QString path = d.filePath(QStringLiteral("job.sh"));
    core::writeFileAtomically(path, lines.join(u'\n').toUtf8() + '\n');
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                    QFileDevice::ReadOther);
    m_script = path;
    return path;
}

QString SlurmExecutor::submit(const QList<int> &tasks)
{
    QList<int> which = tasks;
    if (which.isEmpty())
        for (int i = 0; i < m_bundle.models().size(); ++i)
            which.append(i);
    const QString script = writeScript();
    // --array on the command line overrides none of the script's options.
    const QString out = runCommand(QStringLiteral("sbatch"),
                                   {QStringLiteral("--parsable"),
                                    QStringLiteral("--array=%1").arg(arrayList(which)), script})
                            .trimmed();
    const QString jobId = out.section(u';', 0, 0); // "<id>;<cluster>" on federated set-ups
    bool ok = false;
    jobId.toLongLong(&ok);
    if (!ok)
        throw core::UserError(QStringLiteral("sbatch answered '%1' instead of a job id").arg(out));
    return jobId;
}

QMap<int, QString> SlurmExecutor::taskStates(const QString &jobId) const
{
    QMap<int, QString> states;
    int code = 0;
    const QString acct = runCommand(QStringLiteral("sacct"),
                                    {QStringLiteral("-n"), QStringLiteral("-P"),
                                     QStringLiteral("-X"), QStringLiteral("-j"), jobId,
                                     QStringLiteral("-o"), QStringLiteral("JobID,State")},
                                    &code);
    if (code == 0) {
        for (const QString &line : acct.split(u'\n', Qt::SkipEmptyParts)) {
            // "1234_5|COMPLETED"
            const QString id = line.section(u'|', 0, 0);
            bool ok = false;
            const int task = id.section(u'_', 1).toInt(&ok);
            if (ok)
                states.insert(task, line.section(u'|', 1).section(u' ', 0, 0));
        }
        if (!states.isEmpty())
            return states;
    }
    // No accounting storage (a small cluster, the tests; sacct then says so
    // and may still exit 0): scontrol knows the tasks for MinJobAge seconds
    // after they end.
    const QString show = runCommand(
        QStringLiteral("scontrol"),
        {QStringLiteral("-o"), QStringLiteral("show"), QStringLiteral("job"), jobId}, &code);
    if (code != 0)
        return states;
    for (const QString &line : show.split(u'\n', Qt::SkipEmptyParts)) {
        int task = -1;
        QString state;
        for (const QString &field : line.split(u' ', Qt::SkipEmptyParts)) {
            if (field.startsWith(u"ArrayTaskId="))
                task = field.mid(12).toInt();
            else if (field.startsWith(u"JobState="))
                state = field.mid(9);
        }
        if (task >= 0)
            states.insert(task, state);
    }
    return states;
}

QList<int> SlurmExecutor::follow(const QString &jobId, const Log &log,
                                 const std::atomic<bool> *cancel)
{
    QString last;
    int unreachable = 0;
    for (;;) {
        if (cancel && cancel->load()) {
            runCommand(QStringLiteral("scancel"), {jobId});
            throw core::UserError(
                QStringLiteral("cancelled: job %1 was cancelled on the cluster").arg(jobId));
        }
        // One line per task still pending or running: "<id>_<task> <state>".
        int code = 0;
        const QString queue =
            runCommand(QStringLiteral("squeue"),
                       {QStringLiteral("-h"), QStringLiteral("-r"), QStringLiteral("-j"), jobId,
                        QStringLiteral("-o"), QStringLiteral("%i %T")},
                       &code);
        if (code != 0 && queue.contains(QStringLiteral("Invalid job id")))
            break; // ended and purged from the controller's memory (MinJobAge)
        if (code != 0) {
            // A controller restarting or busy: a few misses are no failure.
            if (++unreachable >= 10)
                throw core::UserError(QStringLiteral("squeue failed 10 times in a row while "
                                                     "following job %1: %2")
                                          .arg(jobId, queue.trimmed()));
            QThread::msleep(ulong(std::max(100, m_options.pollMs)));
            continue;
        }
        unreachable = 0;
        QMap<QString, int> counts;
        for (const QString &line : queue.split(u'\n', Qt::SkipEmptyParts))
            ++counts[line.section(u' ', 1, 1)];
        if (counts.isEmpty())
            break;
        QStringList parts;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key().toLower()));
        const QString now =
            QStringLiteral("job %1: %2").arg(jobId, parts.join(QStringLiteral(", ")));
        if (log && now != last)
            log(now);
        last = now;
        QThread::msleep(ulong(std::max(100, m_options.pollMs)));
    }
    const QList<int> missing = m_bundle.missingResults();
    if (log && !missing.isEmpty()) {
        const QMap<int, QString> states = taskStates(jobId);
        for (int t : missing)
            log(QStringLiteral("task %1 (%2) left no result: %3; its log is in %4/logs")
                    .arg(t)
                    .arg(m_bundle.models().value(t),
                         states.value(t, QStringLiteral("state unknown")), m_bundle.dir()));
    }
    return missing;
}

QList<int> SlurmExecutor::runToCompletion(const Log &log, const std::atomic<bool> *cancel)
{
    QList<int> todo = m_bundle.missingResults();
    for (int attempt = 0; !todo.isEmpty() && attempt <= m_options.retries; ++attempt) {
        const QString job = submit(todo);
        if (log)
            log(QStringLiteral("%1 job array %2: %3 task(s) (%4)")
                    .arg(attempt == 0 ? QStringLiteral("submitted") : QStringLiteral("resubmitted"),
                         job)
                    .arg(todo.size())
                    .arg(arrayList(todo)));
        todo = follow(job, log, cancel);
    }
    return todo;
}

} // namespace ms::models
