#include "../testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using ms::test::runCli;

namespace {

const QByteArray kHeader = "clip_id,movie,start_ms,end_ms,level,concepts\n";

// Three annotators, five clips of two films; carol annotated two clips only.
// As reliability data (EN = 0, HN = 1, S = 2; alice, bob, carol):
//   tt1-001 (2,2,2)  tt1-002 (0,1,.)  tt1-003 (1,1,.)  tt2-001 (2,1,2)  tt2-002 (0,0,.)
const QByteArray kAlice = kHeader + "tt1-001,tt1,0,1000,S,Body|Speech\n"
                                    "tt1-002,tt1,1000,2000,EN,\n"
                                    "tt1-003,tt1,2000,3000,HN,Look\n"
                                    "tt2-001,tt2,0,1000,S,Body\n"
                                    "tt2-002,tt2,1000,2000,EN,\n";
const QByteArray kBob = kHeader + "tt1-001,tt1,0,1000,S,Body\n"
                                  "tt1-002,tt1,1000,2000,HN,Look\n"
                                  "tt1-003,tt1,2000,3000,HN,Look\n"
                                  "tt2-001,tt2,0,1000,HN,Body\n"
                                  "tt2-002,tt2,1000,2000,EN,\n";
const QByteArray kCarol = kHeader + "tt1-001,tt1,0,1000,S,Body|Voice\n"
                                    "tt2-001,tt2,0,1000,S,\n";

bool near(const QJsonValue &v, double expected)
{
    return v.isDouble() && std::abs(v.toDouble() - expected) < 1e-9;
}

} // namespace

class TestAgreementCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QString path(const QString &n) { return m_dir.filePath(n); }

    QJsonObject json(const QStringList &extra)
    {
        const auto r = runCli(QStringList{"agreement", "--db", m_db, "--json"} + extra);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object();
    }

    void import(const QString &db, const QString &name, const QByteArray &table)
    {
        ms::test::writeFile(path(name + ".csv"), table);
        const auto r = runCli({"import-annotations", "--db", db, "--format", "modalscope", "--csv",
                               path(name + ".csv"), "--annotator", name});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

private slots:
    void initTestCase()
    {
        m_db = path("team.msproj");
        QCOMPARE(runCli({"init", "--db", m_db}).exitCode, 0);
        import(m_db, "alice", kAlice);
        import(m_db, "bob", kBob);
        import(m_db, "carol", kCarol);
    }

    void levelOverTheCorpus()
    {
        const QJsonObject o = json({"--bootstrap", "200"});
        QCOMPARE(o.value("annotators").toArray(), (QJsonArray{"alice", "bob", "carol"}));
        const QJsonObject level = o.value("level").toObject();
        QCOMPARE(level.value("units").toInt(), 5);
        QCOMPARE(level.value("values").toInt(), 12);
        // Coincidences: o_00 = 2 (tt2-002), o_11 = 2 (tt1-003), o_22 = 3 (tt1-001)
        // + 1 (tt2-001: 2 pairs S-S / 2), o_01 = o_10 = 1 (tt1-002),
        // o_12 = o_21 = 1 (tt2-001). n_EN = 3, n_HN = 4, n_S = 5, n = 12.
        // Nominal: 1 - 11 * 4 / (2 * (3*4 + 3*5 + 4*5)) = 1 - 44/94 = 25/47.
        QVERIFY2(near(level.value("krippendorff_alpha_nominal"), 25.0 / 47.0),
                 qPrintable(QString::number(level.value("krippendorff_alpha_nominal").toDouble())));
        // Ordinal: d2(EN,HN) = (3 + 4 - 3.5)^2 = 12.25, d2(HN,S) = (4 + 5 - 4.5)^2 =
        // 20.25, d2(EN,S) = (3 + 4 + 5 - 4)^2 = 64. sum o d2 = 2*12.25 + 2*20.25 = 65;
        // sum n n d2 = 2 * (12*12.25 + 20*20.25 + 15*64) = 3024;
        // alpha = 1 - 11 * 65 / 3024 = 2309/3024.
        QVERIFY(near(level.value("krippendorff_alpha_ordinal"), 2309.0 / 3024.0));
        const QJsonArray ci = level.value("krippendorff_alpha_ordinal_interval").toArray();
        QCOMPARE(ci.size(), 2);
        QVERIFY(ci.at(0).toDouble() <= ci.at(1).toDouble());
        QVERIFY(ci.at(1).toDouble() <= 1.0);

        // Cohen's kappa per pair on the clips both annotated.
        const QJsonArray pairs = level.value("cohen_kappa").toArray();
        QCOMPARE(pairs.size(), 3);
        // alice/bob, 5 clips: P_o = 3/5; margins alice (2,1,2), bob (1,3,1):
        // P_e = (2 + 3 + 2)/25 = 0.28; kappa = 0.32/0.72 = 4/9.
        QCOMPARE(pairs.at(0).toObject().value("annotators").toArray(),
                 (QJsonArray{"alice", "bob"}));
        QCOMPARE(pairs.at(0).toObject().value("units").toInt(), 5);
        QVERIFY(near(pairs.at(0).toObject().value("kappa"), 4.0 / 9.0));
        // alice/carol: both said S on both shared clips: P_e = 1, undefined.
        QVERIFY(pairs.at(1).toObject().value("kappa").isNull());
        QVERIFY(!pairs.at(1).toObject().value("note").toString().isEmpty());
        // bob/carol: (S,S) (HN,S): P_o = 1/2, P_e = 1/2 * 1 = 1/2, kappa = 0.
        QVERIFY(near(pairs.at(2).toObject().value("kappa"), 0.0));
        // Clips have two or three annotators: Fleiss' kappa does not apply.
        const QJsonObject fleiss = level.value("fleiss_kappa").toObject();
        QCOMPARE(fleiss.value("applicable").toBool(), false);
        QVERIFY(fleiss.value("kappa").isNull());
        QVERIFY(fleiss.value("note").toString().contains("not applicable"));
    }

    void conceptsAndModalities()
    {
        const QJsonObject o = json({"--by", "modality", "--by", "concept", "--bootstrap", "0"});
        const QJsonObject concepts = o.value("concepts").toObject();
        // Body: (1,1,1) (0,0) (0,0) (1,1,0) (0,0): o_00 = 6, o_11 = 4, o_01 = o_10 = 1;
        // n_0 = 7, n_1 = 5; alpha = 1 - 11 * 2 / (2 * 35) = 24/35.
        QVERIFY(near(concepts.value("Body").toObject().value("krippendorff_alpha_nominal"),
                     24.0 / 35.0));
        QCOMPARE(concepts.value("Body").toObject().value("modality").toString(), "V");
        // Look: (0,0,0) (0,1) (1,1) (0,0,0) (0,0): o_00 = 8, o_11 = 2, o_01 = 1;
        // n_0 = 9, n_1 = 3; alpha = 1 - 11 * 2 / 54 = 16/27.
        QVERIFY(near(concepts.value("Look").toObject().value("krippendorff_alpha_nominal"),
                     16.0 / 27.0));
        // Speech, ticked by alice once among 12 values: o_01 = 1, n_1 = 1, n_0 = 11:
        // alpha = 1 - 11 * 2 / (2 * 11) = 0.
        QVERIFY(near(concepts.value("Speech").toObject().value("krippendorff_alpha_nominal"), 0.0));
        // Never ticked: every value 0, alpha undefined, said so.
        const QJsonObject clothes = concepts.value("Clothes").toObject();
        QVERIFY(clothes.value("krippendorff_alpha_nominal").isNull());
        QVERIFY(clothes.value("krippendorff_alpha_nominal_undefined").toString().contains("same"));
        QVERIFY(clothes.value("krippendorff_alpha_nominal_interval").isNull());
        // --by concept adds the kappas: alice and bob agree on Body everywhere.
        const QJsonArray bodyPairs =
            concepts.value("Body").toObject().value("cohen_kappa").toArray();
        QVERIFY(near(bodyPairs.at(0).toObject().value("kappa"), 1.0));

        // Visual: (1,1,1) (0,1) (1,1) (1,1,0) (0,0): o_00 = 2, o_11 = 3 + 2 + 1 = 6,
        // o_01 = o_10 = 1 + 1 = 2; n_0 = 4, n_1 = 8; alpha = 1 - 11 * 4 / 64 = 5/16.
        const QJsonObject modalities = o.value("modalities").toObject();
        QVERIFY(
            near(modalities.value("V").toObject().value("krippendorff_alpha_nominal"), 5.0 / 16.0));
        QVERIFY(modalities.value("V").toObject().contains("cohen_kappa"));
        // Without --bootstrap draws there are no intervals.
        QVERIFY(o.value("level").toObject().value("krippendorff_alpha_nominal_interval").isNull());
        QVERIFY(!o.contains("films"));
    }

    void perFilm()
    {
        const QJsonObject films =
            json({"--by", "film", "--bootstrap", "0"}).value("films").toObject();
        QCOMPARE(films.keys(), (QStringList{"tt1", "tt2"}));
        // tt1: (2,2,2) (0,1) (1,1): n_EN = 1, n_HN = 3, n_S = 3, n = 7, two
        // disagreeing ordered pairs: alpha = 1 - 6 * 2 / (2 * (3 + 3 + 9)) = 0.6.
        QVERIFY(near(films.value("tt1").toObject().value("level").toObject().value(
                         "krippendorff_alpha_nominal"),
                     0.6));
        // tt2: (2,1,2) (0,0): n_EN = 2, n_HN = 1, n_S = 2, n = 5:
        // alpha = 1 - 4 * 2 / (2 * (2 + 4 + 2)) = 0.5.
        QVERIFY(near(films.value("tt2").toObject().value("level").toObject().value(
                         "krippendorff_alpha_nominal"),
                     0.5));
        QCOMPARE(films.value("tt2").toObject().value("clips").toInt(), 2);
    }

    void seededIntervals()
    {
        const QJsonObject a = json({"--seed", "5", "--bootstrap", "300"});
        const QJsonObject b = json({"--seed", "5", "--bootstrap", "300"});
        const QJsonObject c = json({"--seed", "6", "--bootstrap", "300"});
        QCOMPARE(a, b);
        QVERIFY(a.value("level") != c.value("level"));
        QCOMPARE(a.value("bootstrap").toObject().value("draws").toInt(), 300);
    }

    void textTable()
    {
        const auto r = runCli({"agreement", "--db", m_db, "--bootstrap", "100"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Agreement between 3 annotators (alice, bob, carol)"),
                 r.out.constData());
        QVERIFY(r.out.contains("Krippendorff's alpha, ordinal"));
        QVERIFY(r.out.contains(QByteArray::number(2309.0 / 3024.0, 'f', 3)));
        QVERIFY(r.out.contains("Cohen's kappa alice / bob"));
        QVERIFY(r.out.contains("Body (visual)"));
    }

    void consensusIsLeftOut()
    {
        // An adjudicated annotation copies the others; counting it would
        // inflate agreement.
        const QJsonObject before = json({"--bootstrap", "0"});
        const QString db = path("adjudicated.msproj");
        QVERIFY(QFile::copy(m_db, db));
        import(db, "consensus", kAlice);
        const auto r = runCli({"agreement", "--db", db, "--json", "--bootstrap", "0"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object(), before);
    }

    void oneTableWithAnAnnotatorColumn()
    {
        // The three tables as one, each row naming its annotator: the same
        // project, so the same figures.
        QByteArray table = "clip_id,movie,start_ms,end_ms,level,concepts,annotator\n";
        for (const auto &[name, rows] :
             {std::pair{"alice", kAlice}, {"bob", kBob}, {"carol", kCarol}})
            for (const QByteArray &line : rows.split('\n').mid(1))
                if (!line.isEmpty())
                    table += line + ',' + name + '\n';
        ms::test::writeFile(path("team.csv"), table);
        const QString db = path("one-table.msproj");
        const QStringList import = {
            "import-annotations", "--db", db, "--format", "modalscope", "--csv", path("team.csv")};
        auto r = runCli(import);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("12 rows: 2 films and 5 clips added, 0 clips updated, 12 "
                                "annotations changed"),
                 r.out.constData());
        r = runCli(import);
        QVERIFY2(r.out.contains("0 clips updated, 0 annotations changed, 12 unchanged"),
                 r.out.constData());
        r = runCli({"agreement", "--db", db, "--json", "--bootstrap", "0", "--by", "film"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object(),
                 json({"--bootstrap", "0", "--by", "film"}));
    }

    void oneAnnotatorIsRefused()
    {
        const QString db = path("alone.msproj");
        import(db, "alice", kAlice);
        const auto r = runCli({"agreement", "--db", db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("at least two annotators") && r.err.contains("only one ('alice')"),
                 r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void badUsage()
    {
        QCOMPARE(runCli({"agreement"}).exitCode, 2);
        QCOMPARE(runCli({"agreement", "--db", m_db, "--by", "scene"}).exitCode, 2);
        QCOMPARE(runCli({"agreement", "--db", m_db, "--bootstrap", "-1"}).exitCode, 2);
        QCOMPARE(runCli({"agreement", "--db", m_db, "--seed", "x"}).exitCode, 2);
        const auto r = runCli({"agreement", "--db", path("missing.msproj")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(path("missing.msproj")));
    }

    void realTableHasOneAnnotator()
    {
        const QString table = ms::test::obygazeTable();
        if (table.isEmpty())
            QSKIP("MODALSCOPE_SHARED is not set (or has no datasets/obygaze12): the ObyGaze12 "
                  "agreement check is skipped");
        // The published ObyGaze12 table is one consolidated annotation per clip,
        // so there is nothing to agree with: the verb says so.
        const QString db = path("obygaze.msproj");
        auto r = runCli({"import-annotations", "--db", db, "--format", "obygaze", "--csv", table});
        QCOMPARE(r.exitCode, 0);
        r = runCli({"agreement", "--db", db, "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("at least two annotators") && r.err.contains("only one ('"),
                 r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestAgreementCommand)
#include "tst_agreementcommand.moc"
