#pragma once

#include "core/modality.h"
#include "ui/timelineoverlay.h"

#include <QWidget>
#include <array>

namespace ms::ui {

// One clip's attention heatmap over its tokens: a row per modality, time
// across (the clip's range), each token a cell as wide as its span and as
// dark as its relevance (0..1, already normalised by the caller). Modalities
// the model does not use say so instead of showing an empty row.
class TokenHeatmapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TokenHeatmapWidget(QWidget *parent = nullptr);

    void setTokens(qint64 startMs, qint64 endMs,
                   std::array<QList<TimelineOverlay::HeatSpan>, 3> tokens,
                   core::ModalitySet used);
    void clear();
    int tokenCount() const;
    // Where the row of `m` is painted (for tests).
    QRect rowRect(core::Modality m) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    QSize sizeHint() const override;

private:
    int labelWidth() const;
    qint64 m_start = 0, m_end = 0;
    std::array<QList<TimelineOverlay::HeatSpan>, 3> m_tokens;
    core::ModalitySet m_used;
};

} // namespace ms::ui
