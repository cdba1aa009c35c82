#pragma once

#include "core/level.h"
#include "core/modality.h"

#include <QSortFilterProxyModel>
#include <optional>

namespace ms::ui {

// The clip table's filters and sorting: film, level (or "not annotated"),
// concept, modality and annotator, all at once. Reads only the model's roles
// (ClipTableModel), so it holds no copy of the project. Sorting is by
// ClipTableModel::SortRole in any column.
class ClipFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    struct Criteria
    {
        QString movieId;                        // empty: every film
        std::optional<core::Level> level;       // only clips shown with this level
        bool notAnnotated = false;              // only clips nobody has annotated
        QString conceptName;                    // only clips whose shown annotation has it
        std::optional<core::Modality> modality; // ... a concept of this modality
        QString annotator;                      // only clips this annotator has annotated
        bool operator==(const Criteria &) const = default;
    };

    explicit ClipFilterProxy(QObject *parent = nullptr);

    void setCriteria(const Criteria &criteria);
    const Criteria &criteria() const { return m_criteria; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Criteria m_criteria;
};

} // namespace ms::ui
