#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QSortFilterProxyModel;
class QTableView;

namespace ms::ui {

class ClipTableModel;
class ProjectDocument;

// The film filter above the clip table. Owns the view and the filter/sort
// proxy, not the model, so a later timeline can share the same model and
// selection of the current clip. Reports the current clip by id, never by row:
// rows move with filtering and sorting.
class ClipBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit ClipBrowser(ClipTableModel *model, QWidget *parent = nullptr);

    void setDocument(ProjectDocument *document);

    QTableView *view() const { return m_view; }
    QComboBox *filmFilter() const { return m_filmFilter; }

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
    void applyFilter();
    void emitCurrent();

    ClipTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QComboBox *m_filmFilter;
    QPointer<ProjectDocument> m_document;
    qint64 m_lastEmitted = -1;
    qint64 m_clipBeforeReset = 0;
};

} // namespace ms::ui
