#pragma once

#include "core/modality.h"
#include "ui/timeline/lane.h"

#include <QCoreApplication>
#include <vector>

namespace ms::ui {

// A run's score for one modality, per clip, as bars up from the bottom with
// the model's 0.5 decision threshold dotted across. Shown while a run whose
// model uses the modality is shown. Dense: per pixel column the highest
// score over it, bars written row by row into the strip.
class ScoreLane : public Lane
{
    Q_DECLARE_TR_FUNCTIONS(ScoreLane)
public:
    explicit ScoreLane(core::Modality modality) : m_modality(modality) {}

    QString name() const override { return tr("Score %1").arg(core::modalityLetter(m_modality)); }
    int height() const override { return 28; }
    bool isAvailable(const TimelineData &data) const override;
    bool paintsBackground() const override { return true; }
    void paint(QPainter &p, const QRect &r, const LaneContext &ctx) override;
    QString toolTip(const QPoint &pos, const LaneContext &ctx) const override;

private:
    core::Modality m_modality;
    std::vector<float> m_columns; // per-column scratch
    std::vector<int> m_heights;   // per-column bar heights
};

} // namespace ms::ui
