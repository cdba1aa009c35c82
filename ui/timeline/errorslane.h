#pragma once

#include "ui/timeline/lane.h"

#include <QCoreApplication>

namespace ms::ui {

// A run's modality-attribution errors: spurious attributions (the model
// fires on a modality no annotated concept supports) as dark marks in the
// upper half, missed modalities as light marks in the lower half, so both
// can show; the tooltip says the error in words. Shown while a run is shown.
class ErrorsLane : public Lane
{
    Q_DECLARE_TR_FUNCTIONS(ErrorsLane)
public:
    QString name() const override { return tr("Errors"); }
    int height() const override { return 18; }
    bool isAvailable(const TimelineData &data) const override;
    void paint(QPainter &p, const QRect &r, const LaneContext &ctx) override;
    QString toolTip(const QPoint &pos, const LaneContext &ctx) const override;
    // The error mark under the pointer (four pixels of slack: marks are
    // small), as an Item.
    LaneHit hitTest(const QPoint &pos, const LaneContext &ctx) const override;
};

} // namespace ms::ui
