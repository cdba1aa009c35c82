#include "core/media/textmodalityextractor.h"

#include "core/subtitlesource.h"
#include "core/textfeatureextractor.h"

namespace ms::core {

ExtractorInfo TextModalityExtractor::info() const
{
    return describe(Modality::Text, nullptr, TextFeatureExtractor::kName,
                    TextFeatureExtractor::kVersion,
                    QStringLiteral("{\"hash\":\"fnv1a64\",\"dim\":%1,\"terms\":\"words+bigrams\"}")
                        .arg(TextFeatureExtractor::kDim));
}

FilmTokens TextModalityExtractor::read(const QString &path, const std::atomic<bool> *,
                                       const Position &)
{
    const SubtitleDocument doc = SubtitleSource{path, m_stream}.read();
    FilmTokens out;
    for (const auto &problem : doc.problems)
        out.warnings.append(
            QStringLiteral("%1:%2: %3").arg(path).arg(problem.line).arg(problem.message));
    QList<TextFeatureExtractor::Cue> cues;
    for (const SubtitleCue &cue : doc.cues)
        cues.append({cue.startMs, cue.endMs, cue.text});
    out.tokens = TextFeatureExtractor::extract(cues);
    return out;
}

FeatureMatrix TextModalityExtractor::clipTokens(const FeatureMatrix &film, qint64 startMs,
                                                qint64 endMs) const
{
    // Each cue on its own: cues may overlap or come out of order, so the
    // ones a clip overlaps need not be one run of the film's tokens.
    FeatureMatrix out;
    out.dim = film.dim;
    for (int t = 0; t < film.tokens; ++t) {
        const TokenSpan &s = film.spans[size_t(t)];
        if (s.endMs > startMs && s.startMs < endMs) {
            out.data.insert(out.data.end(), film.row(t), film.row(t) + film.dim);
            out.spans.push_back(s);
            ++out.tokens;
        }
    }
    if (out.tokens == 0)
        return TextFeatureExtractor::extract({{startMs, endMs, QString()}});
    return out;
}

} // namespace ms::core
