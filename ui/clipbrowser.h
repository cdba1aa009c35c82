#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QTableView;

namespace ms::ui {

class ClipFilterProxy;
class ClipTableModel;
class ProjectDocument;

// The filters above the clip table (film, level or "not annotated",
// concept, modality, annotator; ClipFilterProxy) and the table, sortable by
// any column. Owns the view and the filter/sort proxy, not the model, so a later timeline can share
// the same model and selection of the current clip. Reports the current clip by id, never by row:
// rows move with filtering and sorting.
class ClipBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit ClipBrowser(ClipTableModel *model, QWidget *parent = nullptr);

    void setDocument(ProjectDocument *document);

    QTableView *view() const { return m_view; }
    QComboBox *filmFilter() const { return m_filmFilter; }
    // Items carry their criterion as data: a level's int (-2 "not
    // annotated"), a concept name, a modality letter, an annotator; the
    // first item (no data) lets everything through.
    QComboBox *levelFilter() const { return m_levelFilter; }
    QComboBox *conceptFilter() const { return m_conceptFilter; }
    QComboBox *modalityFilter() const { return m_modalityFilter; }
    QComboBox *annotatorFilter() const { return m_annotatorFilter; }
    ClipFilterProxy *proxy() const { return m_proxy; }
    // Back to every clip of every film.
    void clearFilters();

    // 0 when no clip is current.
    qint64 currentClipId() const;
    // Makes the clip current and visible; shows all films if the filter hid it.
    bool selectClip(qint64 clipId);
    // The first unannotated clip after the current one in the visible order,
    // wrapping around; false when every visible clip is annotated.
    bool selectNextUnannotated();
    // The clip `step` rows after (or before, negative) the current one in the
    // visible order, without wrapping; false at either end.
    bool selectRelative(int step);
    // Empty for all films.
    void setFilmFilter(const QString &movieId);
    int visibleClipCount() const;

signals:
    void currentClipChanged(qint64 clipId);

private:
    void rebuildFilms();
    void rebuildConcepts();
    void rebuildAnnotators();
    void applyFilter();
    void emitCurrent();

    ClipTableModel *m_model;
    ClipFilterProxy *m_proxy;
    QTableView *m_view;
    QComboBox *m_filmFilter;
    QComboBox *m_levelFilter;
    QComboBox *m_conceptFilter;
    QComboBox *m_modalityFilter;
    QComboBox *m_annotatorFilter;
    QPointer<ProjectDocument> m_document;
    qint64 m_lastEmitted = -1;
    qint64 m_clipBeforeReset = 0;
};

} // namespace ms::ui
