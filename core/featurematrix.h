#pragma once

#include <QtGlobal>
#include <vector>

namespace ms::core {

// The time a token covers in its film: a video window, an audio chunk, a
// subtitle cue. Clips without times get spans relative to the clip start.
struct TokenSpan
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    bool operator==(const TokenSpan &) const = default;
};

// One clip's token sequence for one modality: `tokens` rows of `dim` floats,
// row-major and contiguous so it can be handed to a tensor without a copy.
struct FeatureMatrix
{
    int tokens = 0;
    int dim = 0;
    std::vector<float> data;     // tokens * dim
    std::vector<TokenSpan> spans; // tokens

    float *row(int t) { return data.data() + qsizetype(t) * dim; }
    const float *row(int t) const { return data.data() + qsizetype(t) * dim; }
    bool isValid() const
    {
        return tokens > 0 && dim > 0 && data.size() == size_t(tokens) * size_t(dim) &&
               spans.size() == size_t(tokens);
    }
};

} // namespace ms::core
