#pragma once

#include "core/labelrule.h"
#include "core/rationaleagreement.h"
#include "database/explanationrepository.h"
#include "database/runrepository.h"

#include <QJsonObject>
#include <optional>

namespace ms::db {

class SqliteDatabase;

struct RationaleReport
{
    RunRecord run;
    ExplanationSet set;
    core::LabelRule labelRule;
    core::RationaleAgreement agreement;

    QJsonObject toJson() const;
    QString toText() const;
};

// Reads what core::RationaleAgreement needs for one run (issue 16): its
// explanation set (the newest unless one is named), the experts' concepts
// of each explained clip under a label rule (the run's own by default, as
// the explanations' attribution errors use it) and the taxonomy's
// modalities.
class RationaleReader
{
public:
    explicit RationaleReader(SqliteDatabase &db) : m_db(db) {}

    // Throws core::UserError naming the project when the run is unknown or
    // has no explanation set (or not the one named).
    RationaleReport read(qint64 runId, std::optional<qint64> setId = std::nullopt,
                         const std::optional<core::LabelRule> &rule = std::nullopt);
    // The same over a set whose clips the caller has read already (the
    // window's explanation session); the run's label rule. Throws
    // core::UserError when the set's run is gone.
    RationaleReport compute(const ExplanationSet &set, const std::vector<ClipExplanation> &clips,
                            const std::optional<core::LabelRule> &rule = std::nullopt);

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
