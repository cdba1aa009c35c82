#pragma once

#include "database/projectlocation.h"
#include "models/experimentrunner.h"
#include "models/experimentspec.h"
#include "models/trainer.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace ms::models {

// A self-contained folder from which an experiment grid runs elsewhere (a
// cluster whose nodes read the folder), one model per task, and from which
// its results come back into the project as if the grid had run here.
//
//   DIR/experiment.json   the spec, the model list (task i trains model i),
//                         the hashes of the annotations and features the
//                         models train on, the Modalscope version
//   DIR/project.msproj    a consistent copy of the project (its features,
//                         annotations and taxonomy: the splits are dealt
//                         from them exactly as here, from the spec's seed)
//   DIR/bin/modalscope-cli  the binary that wrote the bundle
//   DIR/results/model-<i>.json, .weights   what task i produced (written
//                         atomically: a task that died leaves none)
//   DIR/logs/             the tasks' output
//
// A task trains with ExperimentRunner::trainComponent on the bundle's copy:
// the same task, seed and shard size as a local run, so the same seed gives
// the same weights and results (on CPUs; the shard size is fixed in the
// bundle, since it otherwise follows each node's cores).
class ExperimentBundle
{
public:
    // Writes DIR (which must be empty or not exist). Throws UserError.
    static ExperimentBundle create(const QString &dir, const db::ProjectLocation &project,
                                   ExperimentSpec spec, const QString &binary);
    // Reads DIR/experiment.json. Throws UserError naming what is missing.
    static ExperimentBundle open(const QString &dir);

    const QString &dir() const { return m_dir; }
    QString projectPath() const;
    QString binaryPath() const;
    const ExperimentSpec &spec() const { return m_spec; }
    // Model i is trained by task i.
    const QStringList &models() const { return m_models; }
    QString version() const { return m_version; }

    bool hasResult(int index) const;
    QList<int> missingResults() const;

    // What an array task does: trains model `index` from the bundle and
    // writes its result. Throws UserError.
    void runTask(int index) const;

    // Brings the results into `project` as a local run would have recorded
    // them. Throws UserError when a result is missing or the project's
    // annotations or features changed since the bundle was written.
    ExperimentRunner::Outcome collect(const db::ProjectLocation &project,
                                      const ExperimentRunner::LogFn &log = {}) const;

private:
    QString resultPath(int index, const char *suffix) const;
    Trainer::Result readResult(int index, QString *runtime) const;

    QString m_dir;
    ExperimentSpec m_spec;
    QStringList m_models;
    QString m_annotationsHash, m_featuresHash, m_version;
};

} // namespace ms::models
