#include "ui/clipbrowser.h"

#include "ui/clipfilterproxy.h"
#include "ui/cliptablemodel.h"
#include "ui/projectdocument.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace ms::ui {

ClipBrowser::ClipBrowser(ClipTableModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_proxy(new ClipFilterProxy(this)),
      m_view(new QTableView(this)), m_filmFilter(new QComboBox(this)),
      m_levelFilter(new QComboBox(this)), m_conceptFilter(new QComboBox(this)),
      m_modalityFilter(new QComboBox(this)), m_annotatorFilter(new QComboBox(this))
{
    m_proxy->setSourceModel(m_model);
    // A row must not jump away under the annotator's cursor when its level
    // changes while the table is sorted by level.
    m_proxy->setDynamicSortFilter(false);

    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(ClipTableModel::ConceptsColumn,
                                                     QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setSortingEnabled(true);
    // The stable sort keeps the repository's film/time order until the user
    // clicks a header.
    m_view->sortByColumn(ClipTableModel::FilmColumn, Qt::AscendingOrder);
    m_view->setColumnWidth(ClipTableModel::FilmColumn, 110);
    m_view->setColumnWidth(ClipTableModel::ClipColumn, 150);
    m_view->setColumnWidth(ClipTableModel::StartColumn, 85);
    m_view->setColumnWidth(ClipTableModel::EndColumn, 85);
    m_view->setColumnWidth(ClipTableModel::LevelColumn, 55);
    m_view->setColumnWidth(ClipTableModel::AnnotatorColumn, 100);
    m_view->setColumnWidth(ClipTableModel::ModalitiesColumn, 55);
    m_view->setColumnWidth(ClipTableModel::AnnotatorsColumn, 30);
    m_view->setColumnWidth(ClipTableModel::NoteColumn, 40);

    m_filmFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filmFilter->setMinimumContentsLength(24);
    m_levelFilter->addItem(tr("All"));
    for (core::Level l : {core::Level::EasyNegative, core::Level::HardNegative, core::Level::Sure})
        m_levelFilter->addItem(
            QStringLiteral("%1 \u2014 %2").arg(core::levelCode(l), core::levelName(l)), int(l));
    m_levelFilter->addItem(tr("Not annotated"), -2);
    m_modalityFilter->addItem(tr("All"));
    for (core::Modality m : core::kAllModalities)
        m_modalityFilter->addItem(
            QStringLiteral("%1 \u2014 %2").arg(core::modalityLetter(m), core::modalityName(m)),
            core::modalityLetter(m));
    // The filters never take the keyboard from the table for good: the
    // annotation keys stay with the window.
    const QList<std::pair<QComboBox *, QString>> filters = {{m_filmFilter, tr("&Film:")},
                                                            {m_levelFilter, tr("&Level:")},
                                                            {m_modalityFilter, tr("&Modality:")},
                                                            {m_conceptFilter, tr("&Concept:")},
                                                            {m_annotatorFilter, tr("&By:")}};
    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    int cell = 0;
    for (const auto &[box, text] : filters) {
        auto *label = new QLabel(text, this);
        label->setBuddy(box);
        box->setFocusPolicy(Qt::ClickFocus);
        if (box != m_filmFilter) {
            // Narrow docks: the combos shrink, their lists stay wide.
            box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            box->setMinimumContentsLength(5);
        }
        box->setObjectName(box == m_filmFilter       ? QStringLiteral("filter:film")
                           : box == m_levelFilter    ? QStringLiteral("filter:level")
                           : box == m_modalityFilter ? QStringLiteral("filter:modality")
                           : box == m_conceptFilter  ? QStringLiteral("filter:concept")
                                                     : QStringLiteral("filter:annotator"));
        // The film on a row of its own, the others two by two.
        const int row = cell == 0 ? 0 : 1 + (cell - 1) / 2;
        const int col = cell == 0 ? 0 : ((cell - 1) % 2) * 2;
        grid->addWidget(label, row, col);
        grid->addWidget(box, row, col + 1, 1, cell == 0 ? 3 : 1);
        ++cell;
        connect(box, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 0);
    layout->addLayout(grid);
    layout->addWidget(m_view, 1);
    rebuildFilms();

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { emitCurrent(); });
    // An import resets the model: keep the same clip current across it.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_clipBeforeReset = currentClipId(); });
    // A new annotator (the user's first edit) joins the list.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                for (int row = from.row(); row <= to.row(); ++row)
                    for (const QString &who :
                         m_model->index(row, 0).data(ClipTableModel::AnnotatorsRole).toStringList())
                        if (m_annotatorFilter->findData(who) < 0) {
                            rebuildAnnotators();
                            return;
                        }
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        rebuildAnnotators();
        // Without dynamic sorting the proxy keeps the source order after a
        // reset; put back the order the header shows.
        if (m_proxy->sortColumn() >= 0)
            m_proxy->sort(m_proxy->sortColumn(), m_proxy->sortOrder());
        // Only within one document: ids of another project mean other clips.
        if (m_clipBeforeReset && m_model->document() == m_document &&
            m_model->rowOf(m_clipBeforeReset) >= 0)
            selectClip(m_clipBeforeReset);
        emitCurrent();
    });
}

void ClipBrowser::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    if (m_document) {
        connect(m_document, &ProjectDocument::reloaded, this, &ClipBrowser::rebuildFilms);
        connect(m_document, &ProjectDocument::reloaded, this, &ClipBrowser::rebuildConcepts);
    }
    for (QComboBox *box :
         {m_filmFilter, m_levelFilter, m_conceptFilter, m_modalityFilter, m_annotatorFilter}) {
        const QSignalBlocker block(box);
        box->setCurrentIndex(0);
    }
    rebuildConcepts();
    rebuildAnnotators();
    rebuildFilms();
    m_clipBeforeReset = 0;
    // Ids restart in another project: announce the current clip even if its id is the same.
    m_lastEmitted = -1;
    emitCurrent();
}

void ClipBrowser::rebuildFilms()
{
    const QString current = m_filmFilter->currentData().toString();
    {
        const QSignalBlocker block(m_filmFilter);
        m_filmFilter->clear();
        m_filmFilter->addItem(tr("All films"), QString());
        if (m_document) {
            QHash<QString, int> perFilm;
            for (const core::Clip &c : m_document->clips())
                ++perFilm[c.movieId];
            for (const core::Film &f : m_document->films()) {
                const QString name = f.title.isEmpty() || f.title == f.movieId
                                         ? f.movieId
                                         : QStringLiteral("%1 \u2014 %2").arg(f.movieId, f.title);
                m_filmFilter->addItem(
                    tr("%1 (%n clip(s))", nullptr, perFilm.value(f.movieId)).arg(name), f.movieId);
            }
        }
        const int i = m_filmFilter->findData(current);
        m_filmFilter->setCurrentIndex(i < 0 ? 0 : i);
    }
    applyFilter();
}

void ClipBrowser::rebuildConcepts()
{
    const QString current = m_conceptFilter->currentData().toString();
    const QSignalBlocker block(m_conceptFilter);
    m_conceptFilter->clear();
    m_conceptFilter->addItem(tr("All"));
    if (m_document)
        for (const core::Concept &c : m_document->taxonomy().concepts())
            m_conceptFilter->addItem(c.modality ? QStringLiteral("%1 (%2)").arg(
                                                      c.name, core::modalityLetter(*c.modality))
                                                : c.name,
                                     c.name);
    const int i = current.isEmpty() ? 0 : m_conceptFilter->findData(current);
    m_conceptFilter->setCurrentIndex(i < 0 ? 0 : i);
}

void ClipBrowser::rebuildAnnotators()
{
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row)
        for (const QString &who :
             m_model->index(row, 0).data(ClipTableModel::AnnotatorsRole).toStringList())
            if (!names.contains(who))
                names.append(who);
    names.sort(Qt::CaseInsensitive);
    const QString current = m_annotatorFilter->currentData().toString();
    const QSignalBlocker block(m_annotatorFilter);
    m_annotatorFilter->clear();
    m_annotatorFilter->addItem(tr("Anyone"));
    for (const QString &who : std::as_const(names))
        m_annotatorFilter->addItem(who, who);
    const int i = current.isEmpty() ? 0 : m_annotatorFilter->findData(current);
    m_annotatorFilter->setCurrentIndex(i < 0 ? 0 : i);
}

void ClipBrowser::clearFilters()
{
    for (QComboBox *box :
         {m_filmFilter, m_levelFilter, m_conceptFilter, m_modalityFilter, m_annotatorFilter}) {
        const QSignalBlocker block(box);
        box->setCurrentIndex(0);
    }
    applyFilter();
}

void ClipBrowser::setFilmFilter(const QString &movieId)
{
    const int i = m_filmFilter->findData(movieId);
    m_filmFilter->setCurrentIndex(i < 0 ? 0 : i);
}

void ClipBrowser::applyFilter()
{
    const qint64 keep = currentClipId();
    ClipFilterProxy::Criteria c;
    c.movieId = m_filmFilter->currentData().toString();
    if (const QVariant level = m_levelFilter->currentData(); level.isValid()) {
        if (level.toInt() == -2)
            c.notAnnotated = true;
        else
            c.level = core::Level(level.toInt());
    }
    c.conceptName = m_conceptFilter->currentData().toString();
    c.modality = core::parseModality(m_modalityFilter->currentData().toString());
    c.annotator = m_annotatorFilter->currentData().toString();
    // Without dynamic filtering (rows must not vanish under the cursor when
    // annotated) a criterion change re-filters explicitly.
    m_proxy->setCriteria(c);
    m_proxy->invalidate();
    if (m_proxy->sortColumn() >= 0)
        m_proxy->sort(m_proxy->sortColumn(), m_proxy->sortOrder());
    const QModelIndex src = m_model->index(m_model->rowOf(keep), 0);
    const QModelIndex idx = keep ? m_proxy->mapFromSource(src) : QModelIndex();
    if (idx.isValid()) {
        m_view->scrollTo(idx);
    } else if (m_proxy->rowCount() > 0) {
        m_view->selectionModel()->setCurrentIndex(
            m_proxy->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    emitCurrent();
}

qint64 ClipBrowser::currentClipId() const
{
    const QModelIndex idx = m_view->selectionModel()->currentIndex();
    return idx.isValid() ? idx.data(ClipTableModel::ClipIdRole).toLongLong() : 0;
}

bool ClipBrowser::selectClip(qint64 clipId)
{
    const int row = m_model->rowOf(clipId);
    if (row < 0)
        return false;
    QModelIndex idx = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!idx.isValid()) {
        clearFilters();
        idx = m_proxy->mapFromSource(m_model->index(row, 0));
        if (!idx.isValid())
            return false;
    }
    m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    m_view->scrollTo(idx);
    return true;
}

bool ClipBrowser::selectNextUnannotated()
{
    const int n = m_proxy->rowCount();
    const QModelIndex cur = m_view->selectionModel()->currentIndex();
    const int start = cur.isValid() ? cur.row() : -1;
    for (int k = 1; k <= n; ++k) {
        const int row = (start + k) % n;
        const QModelIndex idx = m_proxy->index(row, 0);
        if (!idx.data(ClipTableModel::AnnotatedRole).toBool()) {
            m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
            m_view->scrollTo(idx);
            return true;
        }
    }
    return false;
}

bool ClipBrowser::selectRelative(int step)
{
    const int n = m_proxy->rowCount();
    const QModelIndex cur = m_view->selectionModel()->currentIndex();
    const int row = cur.isValid() ? cur.row() + step : (step > 0 ? 0 : n - 1);
    if (n == 0 || row < 0 || row >= n)
        return false;
    const QModelIndex idx = m_proxy->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    m_view->scrollTo(idx);
    return true;
}

int ClipBrowser::visibleClipCount() const
{
    return m_proxy->rowCount();
}

void ClipBrowser::emitCurrent()
{
    const qint64 id = currentClipId();
    if (id == m_lastEmitted)
        return;
    m_lastEmitted = id;
    emit currentClipChanged(id);
}

} // namespace ms::ui
