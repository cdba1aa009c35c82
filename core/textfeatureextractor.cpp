#include "core/textfeatureextractor.h"

#include "core/fnv1a.h"

#include <QHash>
#include <cmath>

namespace ms::core {

QStringList TextFeatureExtractor::terms(const QString &text)
{
    QStringList words;
    QString cur;
    for (QChar c : text.toLower()) {
        if (c.isLetterOrNumber() || c == u'\'' || c == QChar(0x2019)) {
            cur += c == QChar(0x2019) ? QChar(u'\'') : c;
        } else if (!cur.isEmpty()) {
            words.append(cur);
            cur.clear();
        }
    }
    if (!cur.isEmpty())
        words.append(cur);
    QStringList out = words;
    for (qsizetype i = 0; i + 1 < words.size(); ++i)
        out.append(words[i] + u' ' + words[i + 1]);
    return out;
}

void TextFeatureExtractor::embed(const QString &text, float *out)
{
    std::fill(out, out + kDim, 0.f);
    QHash<QString, int> counts;
    for (const QString &t : terms(text))
        ++counts[t];
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const quint64 h = fnv1a64(it.key().toUtf8());
        const float sign = (h >> 63) ? -1.f : 1.f;
        out[h % kDim] += sign * float(1.0 + std::log(double(it.value())));
    }
    double norm = 0;
    for (int i = 0; i < kDim; ++i)
        norm += double(out[i]) * out[i];
    if (norm > 0) {
        const float inv = float(1.0 / std::sqrt(norm));
        for (int i = 0; i < kDim; ++i)
            out[i] *= inv;
    }
}

FeatureMatrix TextFeatureExtractor::extract(const QList<Cue> &cues)
{
    FeatureMatrix m;
    m.dim = kDim;
    m.tokens = int(cues.size());
    m.data.resize(size_t(m.tokens) * kDim);
    m.spans.reserve(size_t(m.tokens));
    for (int i = 0; i < m.tokens; ++i) {
        embed(cues[i].text, m.row(i));
        m.spans.push_back({cues[i].startMs, cues[i].endMs});
    }
    return m;
}

} // namespace ms::core
