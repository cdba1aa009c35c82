#include "core/annotationqueue.h"

#include <QStringList>
#include <algorithm>
#include <cmath>

namespace ms::core {

namespace {

double levelPosition(Level l)
{
    return l == Level::EasyNegative ? 0.0 : l == Level::HardNegative ? 0.5 : 1.0;
}

double levelTarget(Level l)
{
    return l == Level::EasyNegative ? 0.0 : 1.0;
}

QString number(double v)
{
    return QString::number(v, 'f', 2);
}

QString levelCodes(const QList<Level> &levels)
{
    QStringList codes;
    for (Level l : levels)
        codes.append(levelCode(l));
    return codes.join(u'/');
}

void rankUncertainty(QueueEntry &e, const QueueOptions &o)
{
    const auto &s = e.candidate.score;
    if (!s) {
        e.reason = QStringLiteral("no test prediction in this run");
        return;
    }
    e.ranked = true;
    e.key = std::abs(*s - o.threshold);
    e.reason = QStringLiteral("%1 %2, %3 from the threshold %4")
                   .arg(e.candidate.tested ? QStringLiteral("score")
                                           : QStringLiteral("fold models' mean score"),
                        number(*s), number(e.key), number(o.threshold));
}

void rankAttribution(QueueEntry &e, const QueueOptions &o)
{
    const QueueCandidate &c = e.candidate;
    if (!c.explained) {
        e.reason = QStringLiteral("not explained in this explanation set");
        return;
    }
    e.ranked = true;
    e.key = attributionErrorSize(c.phi, c.annotated, c.level, o.attribution);
    const AttributionErrors errors = attributionErrors(c.phi, c.annotated, c.level, o.attribution);
    e.reason =
        errors.any() ? errors.describe(c.phi, c.annotated) : QStringLiteral("no attribution error");
}

void rankDisagreement(QueueEntry &e)
{
    const QueueCandidate &c = e.candidate;
    if (c.annotatorLevels.isEmpty()) {
        e.reason = QStringLiteral("no annotation to compare with");
        return;
    }
    double lo = 1, hi = 0, modelGap = 0;
    for (Level l : c.annotatorLevels) {
        lo = std::min(lo, levelPosition(l));
        hi = std::max(hi, levelPosition(l));
        if (c.score)
            modelGap = std::max(modelGap, std::abs(*c.score - levelTarget(l)));
    }
    const double spread = hi - lo;
    if (c.annotatorLevels.size() < 2 && !c.score) {
        e.reason = QStringLiteral("one annotation and no test prediction");
        return;
    }
    e.ranked = true;
    e.key = std::max(spread, modelGap);
    QStringList parts;
    parts.append(QStringLiteral("annotators %1").arg(levelCodes(c.annotatorLevels)));
    if (c.score)
        parts.append(QStringLiteral("model %1").arg(number(*c.score)));
    e.reason = parts.join(QStringLiteral(", ")) + QStringLiteral(": gap %1").arg(number(e.key));
}

} // namespace

QString queueOrderName(QueueOrder order)
{
    switch (order) {
    case QueueOrder::Uncertainty:
        return QStringLiteral("uncertainty");
    case QueueOrder::AttributionError:
        return QStringLiteral("attribution-error");
    case QueueOrder::Disagreement:
        return QStringLiteral("disagreement");
    }
    return {};
}

std::optional<QueueOrder> parseQueueOrder(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty())
        return std::nullopt;
    std::optional<QueueOrder> found;
    for (QueueOrder o :
         {QueueOrder::Uncertainty, QueueOrder::AttributionError, QueueOrder::Disagreement}) {
        const QString name = queueOrderName(o);
        if (name == t)
            return o;
        if (name.startsWith(t)) {
            if (found)
                return std::nullopt;
            found = o;
        }
    }
    return found;
}

double attributionErrorSize(const std::array<std::optional<double>, 3> &phi, ModalitySet annotated,
                            std::optional<Level> level, const AttributionThresholds &t)
{
    const AttributionErrors errors = attributionErrors(phi, annotated, level, t);
    double size = 0;
    for (Modality m : kAllModalities) {
        const double p = phi[size_t(m)].value_or(0.0);
        if (errors.spurious.contains(m))
            size += p - t.spurious;
        if (errors.missed.contains(m))
            size += t.missed - p;
    }
    return size;
}

std::vector<QueueEntry> orderQueue(const std::vector<QueueCandidate> &candidates,
                                   const QueueOptions &options)
{
    std::vector<QueueEntry> entries;
    entries.reserve(candidates.size());
    for (const QueueCandidate &c : candidates) {
        QueueEntry e;
        e.candidate = c;
        switch (options.order) {
        case QueueOrder::Uncertainty:
            rankUncertainty(e, options);
            break;
        case QueueOrder::AttributionError:
            rankAttribution(e, options);
            break;
        case QueueOrder::Disagreement:
            rankDisagreement(e);
            break;
        }
        // Keys equal up to rounding tie (and keep the order given).
        e.key = std::round(e.key * 1e9) / 1e9;
        entries.push_back(std::move(e));
    }
    const bool ascending = options.order == QueueOrder::Uncertainty;
    std::stable_sort(entries.begin(), entries.end(), [&](const QueueEntry &a, const QueueEntry &b) {
        if (a.ranked != b.ranked)
            return a.ranked;
        if (!a.ranked)
            return false;
        return ascending ? a.key < b.key : a.key > b.key;
    });
    if (options.limit > 0 && int(entries.size()) > options.limit)
        entries.resize(size_t(options.limit));
    return entries;
}

} // namespace ms::core
