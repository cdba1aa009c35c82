#pragma once

#include "core/annotation.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace ms::core {

// Which annotation a clip's label comes from when several annotators
// annotated it (issue 14). Every annotator's annotation is kept; the rule is
// chosen per export, training run and view, and recorded with what it made:
//
//   latest          the most recently changed annotation, whoever made it
//                   (the behaviour before rules existed; the default);
//   majority        the level most annotators gave, a tie going to HN (the
//                   class of doubtful clips), and the concepts ticked by at
//                   least half of them; "consensus" does not vote;
//   consensus       the adjudicated annotation (annotator "consensus"); a
//                   clip its annotators agree on, or that one annotated,
//                   needs no adjudication and keeps that annotation; a clip
//                   with an unresolved disagreement has no label;
//   annotator:NAME  NAME's annotations; clips NAME did not annotate have none.
//
// Pure: the database hands in every annotator's current annotations.
class LabelRule
{
public:
    enum class Kind { Latest, Majority, Consensus, Annotator };

    LabelRule() = default; // latest
    static LabelRule latest() { return {}; }
    static LabelRule majority() { return LabelRule(Kind::Majority, {}); }
    static LabelRule consensus() { return LabelRule(Kind::Consensus, {}); }
    static LabelRule annotator(const QString &name)
    {
        return LabelRule(Kind::Annotator, name.trimmed());
    }
    // "latest", "majority", "consensus" (any case) or "annotator:NAME" (the
    // name trimmed, not empty); nullopt for anything else.
    static std::optional<LabelRule> parse(const QString &text);
    // What parse() accepts, for messages and --help.
    static QString syntax();
    // The adjudicated annotation's annotator name.
    static const QString &consensusAnnotator();

    Kind kind() const { return m_kind; }
    const QString &annotatorName() const { return m_annotator; }
    bool isLatest() const { return m_kind == Kind::Latest; }
    // As parse() reads it back.
    QString toString() const;
    // One sentence for people (the CLI, the window and the manifest say it).
    QString description() const;

    struct Outcome
    {
        QList<Annotation> labels; // one per labelled clip, clips in input order
        int clips = 0;            // clips with at least one annotation
        int levelTies = 0;        // majority: clips whose level vote tied (given HN)
        int unresolved = 0;       // consensus: disagreements not yet adjudicated
        int unlabelled() const { return clips - int(labels.size()); }
    };

    // `annotations`: every annotator's current annotation of every clip (a
    // clip is its movie and name). Of two annotations changed at the same
    // time the one listed later counts as the newer. `conceptOrder` (the
    // taxonomy's order) orders the concepts a majority label collects.
    Outcome apply(const QList<Annotation> &annotations, const QStringList &conceptOrder = {}) const;
    // One clip's label from its annotations; `tie` and `unresolved` (when
    // given) say why a majority label is HN or a consensus label is missing.
    std::optional<Annotation> label(const QList<Annotation> &clip,
                                    const QStringList &conceptOrder = {}, bool *tie = nullptr,
                                    bool *unresolved = nullptr) const;

    // {"rule", "description", "annotated_clips", "labelled_clips",
    //  "level_ties_to_hn", "unresolved_disagreements"}: what the split
    // manifest records.
    QJsonObject toJson(const Outcome &outcome) const;
    // "label rule majority: 120 of 130 annotated clips labelled, 4 level ties given HN"
    QString summary(const Outcome &outcome) const;

    bool operator==(const LabelRule &) const = default;

private:
    LabelRule(Kind kind, QString name) : m_kind(kind), m_annotator(std::move(name)) {}
    Kind m_kind = Kind::Latest;
    QString m_annotator;
};

} // namespace ms::core
