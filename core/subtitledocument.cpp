#include "core/subtitledocument.h"

#include <algorithm>

namespace ms::core {

void SubtitleDocument::sortCues()
{
    std::stable_sort(cues.begin(), cues.end(), [](const SubtitleCue &a, const SubtitleCue &b) {
        return a.startMs < b.startMs;
    });
}

} // namespace ms::core
