#pragma once

#include "core/modality.h"
#include "ui/timeline/lane.h"

#include <QCoreApplication>
#include <vector>

namespace ms::ui {

// The attention a run's model gives one modality over time, as a heat strip
// from white to the modality's colour. Shown while a run whose model uses
// the modality is shown. Dense: per pixel column the highest attention over
// it in sixteen shades; one row is computed and repeated down the strip.
class AttentionLane : public Lane
{
    Q_DECLARE_TR_FUNCTIONS(AttentionLane)
public:
    explicit AttentionLane(core::Modality modality) : m_modality(modality) {}

    QString name() const override
    {
        return tr("Attention %1").arg(core::modalityLetter(m_modality));
    }
    int height() const override { return 14; }
    bool isAvailable(const TimelineData &data) const override;
    bool paintsBackground() const override { return true; }
    void paint(QPainter &p, const QRect &r, const LaneContext &ctx) override;
    QString toolTip(const QPoint &pos, const LaneContext &ctx) const override;

    // The shade of attention `v` (0..1) for `m`: white blended towards its colour.
    static QColor heatColor(core::Modality m, float v);

private:
    core::Modality m_modality;
    std::vector<float> m_columns; // per-column scratch
};

} // namespace ms::ui
