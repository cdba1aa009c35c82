#pragma once

#include "core/agreementsummary.h"
#include "core/annotation.h"
#include "core/concept.h"
#include "core/taxonomy.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace ms::core {

// Agreement of one set of clips (one film, or the corpus).
struct AgreementScope
{
    QString movieId; // empty for the corpus
    int clips = 0;   // clips with at least one annotation
    AgreementSummary level;
    QList<Concept> concepts; // parallel to conceptSummaries
    QList<AgreementSummary> conceptSummaries;
    QList<AgreementSummary> modalitySummaries; // by kAllModalities, when asked for
};

// Inter-annotator agreement of a project's annotations (issue 14): the level
// as an ordinal scale EN < HN < S (coded 0, 1, 2; nominal alpha too), each
// concept and each modality as present/absent (nominal). A clip is a unit and
// an annotator a coder; an annotator who annotated a clip codes every concept
// of it (absent unless ticked) and every modality (present when any ticked
// concept has it); an annotator who did not annotate it gives no value.
// The annotator "consensus" (the adjudicated annotation, see issue 14) is
// left out: it is derived from the others and would inflate agreement.
class AgreementAnalysis
{
public:
    struct Options
    {
        bool byFilm = false;        // one scope per film besides the corpus
        bool conceptKappas = false; // Cohen's and Fleiss' kappa per concept
        bool byModality = false;    // modality summaries (with kappas)
        BootstrapSettings bootstrap;
    };

    static const QString &consensusAnnotator();
    // The annotators agreement is computed between: every one but "consensus", sorted.
    static QStringList codersOf(const QList<Annotation> &annotations);
    // What to tell the user of `project` (a path, as they named it) when
    // `coders` has fewer than two names: the CLI and the window say the same.
    static QString tooFewCodersMessage(const QString &project, const QStringList &coders);

    // `annotations`: every annotator's current annotation of every clip.
    // Throws UserError when fewer than two annotators remain.
    static AgreementAnalysis compute(const QList<Annotation> &annotations, const Taxonomy &taxonomy,
                                     const Options &options);

    const QStringList &annotators() const { return m_annotators; }
    const AgreementScope &corpus() const { return m_corpus; }
    const QList<AgreementScope> &films() const { return m_films; }

    // {"annotators", "clips", "bootstrap", "level", "concepts" {name: ...},
    //  "modalities" {V|A|T: ...} (byModality), "films" {movie: {...}} (byFilm)}
    QJsonObject toJson() const;
    QString toText() const; // aligned tables for the terminal

private:
    static AgreementScope scope(const QString &movieId, const QList<Annotation> &annotations,
                                const QStringList &coders, const QList<Concept> &concepts,
                                const Taxonomy &taxonomy, const Options &options);
    QStringList m_annotators;
    Options m_options;
    AgreementScope m_corpus;
    QList<AgreementScope> m_films;
};

} // namespace ms::core
