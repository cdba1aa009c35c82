#pragma once

#include "core/featurematrix.h"

#include <QList>
#include <QString>

namespace ms::core {

// The built-in text features: one token per subtitle cue. A cue's words
// (lower-cased runs of letters, digits and apostrophes) and word bigrams are
// hashed (64-bit FNV-1a of the UTF-8 text) into kDim buckets with a sign
// taken from another bit of the hash, so colliding terms tend to cancel
// rather than add up; each term contributes sign * (1 + ln(count)), and the
// vector is L2-normalised. A cue without words gives a zero vector.
class TextFeatureExtractor
{
public:
    static constexpr int kDim = 512;
    static constexpr const char *kName = "builtin-text";
    static constexpr const char *kVersion = "1";

    struct Cue
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        QString text;
    };

    static QStringList terms(const QString &text); // words then bigrams
    static void embed(const QString &text, float *out); // kDim values
    // One token per cue, with the cue's span.
    static FeatureMatrix extract(const QList<Cue> &cues);
};

} // namespace ms::core
