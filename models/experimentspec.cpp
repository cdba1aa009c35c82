#include "models/experimentspec.h"

#include "core/error.h"

#include <QJsonArray>

namespace ms::models {

QString fusionName(Fusion f)
{
    switch (f) {
    case Fusion::None:
        return QStringLiteral("none");
    case Fusion::Early:
        return QStringLiteral("early");
    case Fusion::Late:
        return QStringLiteral("late");
    }
    return {};
}

std::optional<Fusion> parseFusion(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"none")
        return Fusion::None;
    if (t == u"early")
        return Fusion::Early;
    if (t == u"late")
        return Fusion::Late;
    return std::nullopt;
}

namespace {

// What single() and paper() share: the recipe, its overrides and the folds.
ExperimentSpec fromOptions(const ExperimentSpec::Options &o)
{
    ExperimentSpec spec;
    if (!o.trainSets.isEmpty())
        spec.trainSets = o.trainSets;
    spec.folds = o.folds;
    spec.onlyFolds = o.onlyFolds;
    spec.seed = o.seed;
    spec.model = o.quick ? PerceiverConfig::quick() : PerceiverConfig();
    spec.train = o.quick ? TrainOptions::quick() : TrainOptions();
    if (o.maxEpochs > 0)
        spec.train.maxEpochs = o.maxEpochs;
    if (o.patience > 0)
        spec.train.patience = o.patience;
    spec.train.device = o.device.isEmpty() ? QStringLiteral("auto") : o.device;
    spec.train.amp = o.amp.isEmpty() ? QStringLiteral("off") : o.amp;
    spec.train.seed = o.seed;
    spec.storeWeights = o.storeWeights;
    spec.labelRule = o.labelRule;
    return spec;
}

} // namespace

ExperimentSpec ExperimentSpec::single(const GridEntry &entry, const Options &options)
{
    ExperimentSpec spec = fromOptions(options);
    if (options.trainSets.isEmpty())
        spec.trainSets = {QStringLiteral("CMSD")};
    spec.entries = {entry};
    spec.kind = options.kind.isEmpty() ? QStringLiteral("train") : options.kind;
    spec.label = QStringLiteral("%1 %2 on %3")
                     .arg(entry.modalities.letters(), fusionName(entry.fusion),
                          spec.trainSets.join(QStringLiteral("+")));
    spec.validate();
    return spec;
}

ExperimentSpec ExperimentSpec::paper(const Options &options, const QList<GridEntry> &entries)
{
    ExperimentSpec spec = fromOptions(options);
    spec.entries = entries.isEmpty() ? paperGrid() : entries;
    spec.kind = options.kind.isEmpty() ? QStringLiteral("experiment") : options.kind;
    spec.label = QStringLiteral("Table 1 grid, %1 folds%2")
                     .arg(spec.folds)
                     .arg(options.quick ? QStringLiteral(", quick") : QString());
    spec.validate();
    return spec;
}

QList<GridEntry> ExperimentSpec::paperGrid()
{
    using core::Modality;
    const core::ModalitySet V{Modality::Visual}, A{Modality::Audio}, T{Modality::Text};
    const core::ModalitySet AV{Modality::Audio, Modality::Visual};
    const core::ModalitySet AT{Modality::Audio, Modality::Text};
    const core::ModalitySet AVT{Modality::Audio, Modality::Visual, Modality::Text};
    return {{V, Fusion::None},     {A, Fusion::None},    {T, Fusion::None},
            {AV, Fusion::Early},   {AV, Fusion::Late},   {AT, Fusion::Early},
            {AT, Fusion::Late},    {AVT, Fusion::Early}, {AVT, Fusion::Late}};
}

void ExperimentSpec::validate() const
{
    if (entries.isEmpty())
        throw core::UserError(QStringLiteral("nothing to train: no modality set was chosen"));
    for (const GridEntry &e : entries) {
        const int n = int(e.modalities.contains(core::Modality::Visual)) +
                      int(e.modalities.contains(core::Modality::Audio)) +
                      int(e.modalities.contains(core::Modality::Text));
        if (n == 0)
            throw core::UserError(QStringLiteral("a grid entry has no modality"));
        if ((n == 1) != (e.fusion == Fusion::None))
            throw core::UserError(
                QStringLiteral("%1 with fusion '%2': one modality takes fusion 'none', several "
                               "take 'early' or 'late'")
                    .arg(e.modalities.letters(), fusionName(e.fusion)));
    }
    for (const QString &t : trainSets)
        if (t != u"CMAD" && t != u"CMSD")
            throw core::UserError(
                QStringLiteral("unknown training set '%1': use CMAD or CMSD").arg(t));
    if (folds < 3)
        throw core::UserError(QStringLiteral("at least 3 folds are needed (test, validation and "
                                             "training films), not %1")
                                  .arg(folds));
    for (int f : onlyFolds)
        if (f < 0 || f >= folds)
            throw core::UserError(QStringLiteral("fold %1 does not exist (0 to %2)").arg(f).arg(folds - 1));
}

QJsonObject ExperimentSpec::toJson() const
{
    QJsonArray grid, folds;
    for (const GridEntry &e : entries)
        grid.append(e.modalities.letters() + u'/' + fusionName(e.fusion));
    for (int f : onlyFolds)
        folds.append(f);
    return QJsonObject{{QStringLiteral("grid"), grid},
                       {QStringLiteral("train_sets"), QJsonArray::fromStringList(trainSets)},
                       {QStringLiteral("folds"), this->folds},
                       {QStringLiteral("only_folds"), folds},
                       {QStringLiteral("seed"), QString::number(seed)},
                       {QStringLiteral("model"), model.toJson()},
                       {QStringLiteral("training"), train.toJson()},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("label"), label},
                       {QStringLiteral("store_weights"), storeWeights},
                       {QStringLiteral("label_rule"), labelRule.toString()}};
}

ExperimentSpec ExperimentSpec::fromJson(const QJsonObject &o)
{
    ExperimentSpec s;
    for (const QJsonValue &v : o.value(QStringLiteral("grid")).toArray()) {
        const QString text = v.toString();
        const auto modalities = core::ModalitySet::parseLetters(text.section(u'/', 0, 0));
        const auto fusion = parseFusion(text.section(u'/', 1));
        if (!modalities || !fusion)
            throw core::UserError(QStringLiteral("unreadable grid entry '%1'").arg(text));
        s.entries.append({*modalities, *fusion});
    }
    s.trainSets.clear();
    for (const QJsonValue &v : o.value(QStringLiteral("train_sets")).toArray())
        s.trainSets.append(v.toString());
    s.folds = o.value(QStringLiteral("folds")).toInt(s.folds);
    for (const QJsonValue &v : o.value(QStringLiteral("only_folds")).toArray())
        s.onlyFolds.append(v.toInt());
    s.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    s.model = PerceiverConfig::fromJson(o.value(QStringLiteral("model")).toObject());
    s.train = TrainOptions::fromJson(o.value(QStringLiteral("training")).toObject());
    s.kind = o.value(QStringLiteral("kind")).toString(s.kind);
    s.label = o.value(QStringLiteral("label")).toString();
    s.storeWeights = o.value(QStringLiteral("store_weights")).toBool(true);
    // A bundle written before label rules existed used the newest annotation.
    const QString rule = o.value(QStringLiteral("label_rule")).toString(QStringLiteral("latest"));
    const std::optional<core::LabelRule> parsed = core::LabelRule::parse(rule);
    if (!parsed)
        throw core::UserError(QStringLiteral("unreadable label rule '%1'").arg(rule));
    s.labelRule = *parsed;
    s.validate();
    return s;
}

db::RunConfig ExperimentSpec::runConfig() const
{
    db::RunConfig c;
    for (const GridEntry &e : entries)
        c.grid.append(e.modalities.letters() + u'/' + fusionName(e.fusion));
    c.trainSets = trainSets;
    c.folds = folds;
    c.onlyFolds = onlyFolds;
    c.seed = seed;
    c.model = model.toJson();
    c.training = train.toJson();
    c.labelRule = labelRule;
    return c;
}

} // namespace ms::models
