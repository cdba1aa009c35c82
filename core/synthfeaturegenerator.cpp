#include "core/synthfeaturegenerator.h"

#include "core/splitmix64.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace ms::core {

namespace {

quint64 seedFor(quint64 seed, const QString &what)
{
    const QByteArray h = QCryptographicHash::hash(what.toUtf8(), QCryptographicHash::Sha256);
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | quint8(h[i]);
    return v ^ (seed * 0x9E3779B97F4A7C15ull);
}

// Standard normal draws by Box-Muller over SplitMix64 (defined output on every
// platform, unlike std::normal_distribution).
class Gaussian
{
public:
    explicit Gaussian(quint64 seed) : m_rng(seed) {}
    double next()
    {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = m_rng.uniform();
        while (u1 <= 1e-300)
            u1 = m_rng.uniform();
        const double u2 = m_rng.uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2.0 * M_PI * u2);
        m_hasSpare = true;
        return r * std::cos(2.0 * M_PI * u2);
    }
    SplitMix64 &uniform() { return m_rng; }

private:
    SplitMix64 m_rng;
    double m_spare = 0;
    bool m_hasSpare = false;
};

std::vector<float> gaussianVector(quint64 seed, int dim, double scale)
{
    Gaussian g(seed);
    std::vector<float> v(static_cast<size_t>(dim));
    for (float &x : v)
        x = float(g.next() * scale);
    return v;
}

} // namespace

QString SynthFeatureGenerator::Options::toJson() const
{
    auto arr = [](const std::array<int, 3> &a) { return QJsonArray{a[0], a[1], a[2]}; };
    QJsonObject o;
    o.insert(QStringLiteral("seed"), QString::number(seed));
    o.insert(QStringLiteral("dims_vat"), arr(dims));
    o.insert(QStringLiteral("signal"), signal);
    o.insert(QStringLiteral("film_offset"), filmOffset);
    o.insert(QStringLiteral("min_tokens_vat"), arr(minTokens));
    o.insert(QStringLiteral("max_tokens_vat"), arr(maxTokens));
    o.insert(QStringLiteral("token_ms_vat"), arr(tokenMs));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

SynthFeatureGenerator::Result SynthFeatureGenerator::generate(const QString &clipId,
                                                              const QString &movieId,
                                                              const QList<ConceptRef> &concepts) const
{
    const Options &o = m_options;
    Result res;
    for (Modality m : kAllModalities) {
        const int mi = int(m);
        const int dim = o.dims[mi];
        const QString tag = modalityLetter(m);
        Gaussian g(seedFor(o.seed, QStringLiteral("clip|%1|%2").arg(clipId, tag)));
        const int span = o.maxTokens[mi] - o.minTokens[mi] + 1;
        const int tokens = o.minTokens[mi] + int(g.uniform().below(quint64(span)));

        FeatureMatrix &fm = res.features[mi];
        fm.tokens = tokens;
        fm.dim = dim;
        fm.data.resize(size_t(tokens) * size_t(dim));
        fm.spans.resize(size_t(tokens));
        for (int t = 0; t < tokens; ++t)
            fm.spans[size_t(t)] = {qint64(t) * o.tokenMs[mi], qint64(t + 1) * o.tokenMs[mi]};

        const std::vector<float> offset = gaussianVector(
            seedFor(o.seed, QStringLiteral("film|%1|%2").arg(movieId, tag)), dim, o.filmOffset);
        for (int t = 0; t < tokens; ++t) {
            float *row = fm.row(t);
            for (int d = 0; d < dim; ++d)
                row[d] = float(g.next()) + offset[size_t(d)];
        }
        for (const ConceptRef &c : concepts) {
            if (c.modality != m)
                continue;
            // A random direction per concept, scaled to length `signal`.
            std::vector<float> dir = gaussianVector(
                seedFor(o.seed, QStringLiteral("concept|%1|%2").arg(c.name, tag)), dim, 1.0);
            double norm = 0;
            for (float x : dir)
                norm += double(x) * x;
            const float scale = float(o.signal / std::sqrt(norm));
            const int len = 1 + int(g.uniform().below(quint64(tokens)));
            const int start = int(g.uniform().below(quint64(tokens - len + 1)));
            for (int t = start; t < start + len; ++t) {
                float *row = fm.row(t);
                for (int d = 0; d < dim; ++d)
                    row[d] += scale * dir[size_t(d)];
            }
            res.planted.append({m, c.name, start, start + len});
        }
    }
    return res;
}

} // namespace ms::core
