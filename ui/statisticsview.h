#pragma once

#include "core/annotationstats.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace ms::ui {

class ProjectDocument;

// The paper's two figures for the open project, as Qt Charts: the label
// distribution per film (EN/HN/S/not yet annotated, stacked) and the
// concept-modality distribution (clips with at least one concept of each
// modality, per film). Numbers from core::AnnotationStats::compute, as the
// `stats` verb prints them. The CMSD splits of these annotations are
// exported from here too (exportRequested(), the owner's dialog).
class StatisticsView : public QWidget
{
    Q_OBJECT
public:
    explicit StatisticsView(QWidget *parent = nullptr);

    // Recomputes from the document (nullptr: empty).
    void refresh(ProjectDocument *document);
    const core::AnnotationStats &stats() const { return m_stats; }
    QPushButton *exportButton() const { return m_export; }

signals:
    // The user asked to export the CMSD splits (the owner shows the dialog).
    void exportRequested();

private:
    core::AnnotationStats m_stats;
    QWidget *m_levels = nullptr;
    QWidget *m_modalities = nullptr;
    QLabel *m_summary;
    QPushButton *m_export;
};

} // namespace ms::ui
