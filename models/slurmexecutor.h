#pragma once

#include "models/experimentbundle.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace ms::models {

// Runs an ExperimentBundle on a Slurm cluster: ONE job array, one task per
// model of the grid (`sbatch --array`), followed with squeue (and sacct or
// scontrol for the tasks' end states), and only the tasks that left no
// result resubmitted, up to `retries` times. Slurm does the scheduling; this
// class only writes the job script, submits, watches and retries.
//
// The commands (sbatch, squeue, sacct, scontrol, scancel) are found on PATH
// and talk to the cluster that SLURM_CONF (or the machine's configuration)
// names. Each task runs `DIR/bin/modalscope-cli experiment --run-task
// $SLURM_ARRAY_TASK_ID --bundle DIR`.
class SlurmExecutor
{
public:
    struct Options
    {
        QString partition;   // empty: the cluster's default
        QString time;        // --time, e.g. "02:00:00"; empty: the partition's
        QString memory;      // --mem, e.g. "8G"; empty: the partition's
        int gpus = 0;        // --gres=gpu:N (0: none asked for)
        int cpusPerTask = 0; // --cpus-per-task (0: Slurm's default)
        int retries = 2;     // resubmissions of failed tasks
        int pollMs = 2000;   // between squeue calls
    };
    using Log = std::function<void(const QString &)>;

    SlurmExecutor(ExperimentBundle bundle, Options options);

    // Whether sbatch and squeue are on PATH.
    static bool available();

    // Writes DIR/job.sh (idempotent) and submits the array of `tasks` (all
    // when empty). Returns the job id. Throws UserError with sbatch's words.
    QString submit(const QList<int> &tasks = {});
    // Waits until no task of `jobId` is pending or running (squeue), then
    // returns the tasks of the bundle that still have no result.
    QList<int> follow(const QString &jobId, const Log &log = {},
                      const std::atomic<bool> *cancel = nullptr);
    // submit(), follow(), then resubmit what failed up to `retries` times.
    // Returns the tasks that never produced a result (empty: all done).
    QList<int> runToCompletion(const Log &log = {}, const std::atomic<bool> *cancel = nullptr);
    // The state Slurm reports for each task of `jobId` ("COMPLETED",
    // "CANCELLED", "FAILED"...), from sacct or, without accounting, scontrol.
    QMap<int, QString> taskStates(const QString &jobId) const;

    const QString &jobScript() const { return m_script; }

private:
    QString writeScript();
    static QString runCommand(const QString &program, const QStringList &args,
                              int *exitCode = nullptr);

    ExperimentBundle m_bundle;
    Options m_options;
    QString m_script;
};

} // namespace ms::models
