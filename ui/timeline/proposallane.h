#pragma once

#include "ui/timeline/lane.h"

#include <QCoreApplication>

namespace ms::ui {

// Proposed clips (a segmentation not yet accepted) under the clips lane:
// outlined blocks in alternating shades with a mark at each cut, so the
// user sees where the clips would go before any is made. Shown only while
// there is a proposal. Sparse; the tooltip gives the proposed clip's number
// and times.
class ProposalLane : public Lane
{
    Q_DECLARE_TR_FUNCTIONS(ProposalLane)
public:
    QString name() const override { return tr("Proposal"); }
    int height() const override { return 22; }
    bool isAvailable(const TimelineData &data) const override;
    void paint(QPainter &p, const QRect &r, const LaneContext &ctx) override;
    QString toolTip(const QPoint &pos, const LaneContext &ctx) const override;
    LaneHit hitTest(const QPoint &pos, const LaneContext &ctx) const override;

private:
    // The proposed range at `ms`, or -1.
    static int rangeAt(double ms, const LaneContext &ctx);
};

} // namespace ms::ui
