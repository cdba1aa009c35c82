#pragma once

#include "ui/timeline/lane.h"

#include <QCoreApplication>

namespace ms::ui {

// Subtitle cues as blocks, labelled with their first line where a block is
// wide enough; the tooltip is the cue's whole text. Sparse: blocks are
// batched into a few rectangles, so the lane's background is the widget's.
class SubtitlesLane : public Lane
{
    Q_DECLARE_TR_FUNCTIONS(SubtitlesLane)
public:
    QString name() const override { return tr("Subtitles"); }
    int height() const override { return 26; }
    void paint(QPainter &p, const QRect &r, const LaneContext &ctx) override;
    QString toolTip(const QPoint &pos, const LaneContext &ctx) const override;
    // The cue under the pointer (two pixels of slack), as an Item.
    LaneHit hitTest(const QPoint &pos, const LaneContext &ctx) const override;
};

} // namespace ms::ui
