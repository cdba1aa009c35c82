#include "ui/clipfilterproxy.h"

#include "ui/cliptablemodel.h"

namespace ms::ui {

ClipFilterProxy::ClipFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ClipTableModel::SortRole);
}

void ClipFilterProxy::setCriteria(const Criteria &criteria)
{
    if (criteria == m_criteria)
        return;
    m_criteria = criteria;
    invalidateRowsFilter();
}

bool ClipFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    const Criteria &c = m_criteria;
    if (!c.movieId.isEmpty() && idx.data(ClipTableModel::MovieIdRole).toString() != c.movieId)
        return false;
    const int level = idx.data(ClipTableModel::LevelRole).toInt();
    if (c.notAnnotated && level >= 0)
        return false;
    if (c.level && level != int(*c.level))
        return false;
    if (!c.conceptName.isEmpty() &&
        !idx.data(ClipTableModel::ConceptsRole).toStringList().contains(c.conceptName))
        return false;
    if (c.modality &&
        !core::ModalitySet::fromBits(quint8(idx.data(ClipTableModel::ModalitiesRole).toInt()))
             .contains(*c.modality))
        return false;
    if (!c.annotator.isEmpty() &&
        !idx.data(ClipTableModel::AnnotatorsRole).toStringList().contains(c.annotator))
        return false;
    return true;
}

} // namespace ms::ui
