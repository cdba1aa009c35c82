#include "core/agreementanalysis.h"
#include "core/error.h"

#include <QJsonArray>
#include <QTest>
#include <cmath>

using namespace ms::core;

namespace {

Annotation annotation(const QString &clip, const QString &movie, const QString &who, Level level,
                      const QStringList &concepts = {})
{
    Annotation a;
    a.clipName = clip;
    a.movieId = movie;
    a.annotator = who;
    a.level = level;
    a.concepts = concepts;
    return a;
}

Taxonomy taxonomy()
{
    return Taxonomy({Concept{1, "Body", Modality::Visual, {}, false, {}},
                     Concept{2, "Voice", Modality::Audio, {}, false, {}},
                     Concept{3, "Old", Modality::Visual, {}, true, {}},
                     Concept{4, "Gone", Modality::Text, {}, true, {}}});
}

AgreementAnalysis::Options noBootstrap()
{
    AgreementAnalysis::Options o;
    o.bootstrap.draws = 0;
    return o;
}

} // namespace

class TestAgreementAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void codingOfConceptsAndModalities()
    {
        // Two clips by a and b; c1 also by c. A concept counts as "absent" for
        // an annotator who annotated the clip without ticking it.
        const QList<Annotation> in = {
            annotation("c1", "f", "a", Level::Sure, {"Body", "Voice"}),
            annotation("c1", "f", "b", Level::Sure, {"Body"}),
            annotation("c1", "f", "c", Level::HardNegative, {"Old"}),
            annotation("c2", "f", "a", Level::EasyNegative),
            annotation("c2", "f", "b", Level::EasyNegative, {"Voice", "Typed by hand"}),
        };
        AgreementAnalysis::Options options = noBootstrap();
        options.byModality = true;
        const AgreementAnalysis a = AgreementAnalysis::compute(in, taxonomy(), options);
        QCOMPARE(a.annotators(), (QStringList{"a", "b", "c"}));
        const AgreementScope &s = a.corpus();
        QCOMPARE(s.clips, 2);
        // Retired "Gone" is never used and left out; retired "Old" is used and
        // kept; an unknown name comes last, without a modality.
        QStringList names;
        for (const Concept &c : s.concepts)
            names.append(c.name);
        QCOMPARE(names, (QStringList{"Body", "Voice", "Old", "Typed by hand"}));
        QVERIFY(!s.concepts.last().modality);
        // Body: c1 (1,1,0), c2 (0,0): o_11 = 1, o_10 = o_01 = 1, o_00 = 2;
        // n_0 = 3, n_1 = 2, n = 5: alpha = 1 - 4 * 2 / (2 * 6) = 1/3.
        const AlphaEstimate *body = s.conceptSummaries.at(0).alpha(AlphaMetric::Nominal);
        QVERIFY(std::abs(*body->result.alpha - 1.0 / 3.0) < 1e-12);
        QCOMPARE(s.conceptSummaries.at(0).values, 5);
        // Visual (Body or Old): c1 (1,1,1), c2 (0,0): perfect, 1.
        const AlphaEstimate *visual =
            s.modalitySummaries.at(int(Modality::Visual)).alpha(AlphaMetric::Nominal);
        QCOMPARE(*visual->result.alpha, 1.0);
        // Audio (Voice): c1 (1,0,0), c2 (0,1): o_01 = o_10 = 1 + 1 = 2, o_00 = 1;
        // n_0 = 3, n_1 = 2: alpha = 1 - 4 * 4 / (2 * 6) = -1/3.
        const AlphaEstimate *audio =
            s.modalitySummaries.at(int(Modality::Audio)).alpha(AlphaMetric::Nominal);
        QVERIFY(std::abs(*audio->result.alpha + 1.0 / 3.0) < 1e-12);
        // No concept kappas unless asked; the level always has them.
        QVERIFY(!s.conceptSummaries.at(0).hasKappas);
        QCOMPARE(s.level.cohen.size(), 3);
        QVERIFY(a.films().isEmpty());
        const QJsonObject json = a.toJson();
        QVERIFY(json.value("concepts").toObject().contains("Typed by hand"));
        QVERIFY(json.value("concepts")
                    .toObject()
                    .value("Typed by hand")
                    .toObject()
                    .value("modality")
                    .isNull());
    }

    void perFilmScopes()
    {
        const QList<Annotation> in = {
            annotation("x1", "f2", "a", Level::Sure),
            annotation("x1", "f2", "b", Level::EasyNegative),
            annotation("y1", "f1", "a", Level::Sure),
            annotation("y1", "f1", "b", Level::Sure),
            annotation("y2", "f1", "a", Level::HardNegative),
            annotation("y2", "f1", "b", Level::HardNegative),
        };
        AgreementAnalysis::Options options = noBootstrap();
        options.byFilm = true;
        const AgreementAnalysis a = AgreementAnalysis::compute(in, taxonomy(), options);
        QCOMPARE(a.films().size(), 2);
        QCOMPARE(a.films().at(0).movieId, QString("f1"));
        QCOMPARE(*a.films().at(0).level.alpha(AlphaMetric::Ordinal)->result.alpha, 1.0);
        // f2 has one clip, S against EN: o_SE = o_ES = 1, n_E = n_S = 1, n = 2:
        // alpha = 1 - (n - 1) * 2 / (2 * n_E * n_S) = 0.
        QCOMPARE(*a.films().at(1).level.alpha(AlphaMetric::Nominal)->result.alpha, 0.0);
        QCOMPARE(a.films().at(1).clips, 1);
    }

    void consensusAndTooFewAnnotators()
    {
        const QList<Annotation> one = {
            annotation("c1", "f", "a", Level::Sure),
            annotation("c1", "f", AgreementAnalysis::consensusAnnotator(), Level::Sure),
        };
        QCOMPARE(AgreementAnalysis::codersOf(one), QStringList{"a"});
        QVERIFY_THROWS_EXCEPTION(UserError,
                                 AgreementAnalysis::compute(one, taxonomy(), noBootstrap()));
        QVERIFY_THROWS_EXCEPTION(UserError,
                                 AgreementAnalysis::compute({}, taxonomy(), noBootstrap()));
    }
};

QTEST_GUILESS_MAIN(TestAgreementAnalysis)
#include "tst_agreementanalysis.moc"
