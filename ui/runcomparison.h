#pragma once

#include "database/runrepository.h"

#include <QList>
#include <QString>
#include <optional>

namespace ms::ui {

// The CMAD-vs-CMSD comparison of a run, as the runs view charts it: per grid
// entry (modalities and fusion, in the order the run first reports them) the
// mean AUC-PR over folds of the models trained on CMAD and of those trained
// on CMSD, both tested on the entry's own M-CMSD. A fold whose AUC-PR is
// unknown (no positive in its test set) is left out of the mean; nullopt
// where no fold of that training set has one.
struct RunComparison
{
    struct Entry
    {
        core::ModalitySet modalities;
        QString fusion;     // none, early, late
        std::optional<double> cmad, cmsd;
        int cmadFolds = 0, cmsdFolds = 0;
        // "AV early", "V".
        QString label() const;
    };
    QList<Entry> entries;

    static RunComparison compute(const QList<db::RunResultRecord> &results);
};

} // namespace ms::ui
