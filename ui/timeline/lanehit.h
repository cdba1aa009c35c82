#pragma once

#include <QtGlobal>
#include <optional>

namespace ms::ui {

// What is under the pointer in one lane: nothing, an item of the lane's list,
// or an edge a drag can move. `clipId` is set when the item is a clip, which
// is what makes the widget activate it on a click.
struct LaneHit
{
    // Empty: a free place of a lane where a drag draws a new item (the
    // clips lane); `ms` is the time there.
    enum class Part { Nothing, Item, StartEdge, EndEdge, Empty };
    Part part = Part::Nothing;
    int index = -1; // in the lane's list
    std::optional<qint64> clipId;
    qint64 ms = 0;

    bool isEdge() const { return part == Part::StartEdge || part == Part::EndEdge; }
};

} // namespace ms::ui
