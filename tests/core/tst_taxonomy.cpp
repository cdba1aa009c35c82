#include "core/error.h"
#include "core/taxonomy.h"

#include <QTest>

using namespace ms::core;

class TestTaxonomy : public QObject
{
    Q_OBJECT

private slots:
    void defaultThesaurus()
    {
        const Taxonomy t = Taxonomy::defaultTaxonomy();
        QCOMPARE(t.concepts().size(), 12);
        const QStringList visual = {"Type of plan", "Look",       "Body",       "Clothes",
                                    "Posture",      "Appearance", "Activities", "Exp of emotion"};
        for (const QString &n : visual)
            QCOMPARE(t.find(n)->modality, std::optional(Modality::Visual));
        for (const QString &n : {QString("Speech"), QString("Narratology")})
            QCOMPARE(t.find(n)->modality, std::optional(Modality::Text));
        for (const QString &n : {QString("Voice"), QString("Soundtrack")})
            QCOMPARE(t.find(n)->modality, std::optional(Modality::Audio));
    }

    void nameMatching_data()
    {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("found");
        QTest::newRow("exact") << "Look" << "Look";
        QTest::newRow("leading space") << " Speech" << "Speech";
        QTest::newRow("double inner space") << "Exp of  emotion" << "Exp of emotion";
        QTest::newRow("tab and newline") << "\tType\nof   plan " << "Type of plan";
        QTest::newRow("case differs") << "look" << "";
        QTest::newRow("unknown") << "Gaze" << "";
    }

    void nameMatching()
    {
        QFETCH(QString, written);
        QFETCH(QString, found);
        const Taxonomy t = Taxonomy::defaultTaxonomy();
        const Concept *c = t.find(written);
        QCOMPARE(c ? c->name : QString(), found);
    }

    void modalitiesOf()
    {
        const Taxonomy t = Taxonomy::defaultTaxonomy();
        QCOMPARE(t.modalitiesOf({"Body", " Voice"}), (ModalitySet{Modality::Visual, Modality::Audio}));
        QVERIFY(t.modalitiesOf({"unknown"}).isEmpty());
        QCOMPARE((ModalitySet{Modality::Visual, Modality::Text}).letters(), QString("VT"));
        QCOMPARE((ModalitySet{Modality::Visual, Modality::Audio}).letters(), QString("AV"));
        QCOMPARE(ModalitySet::parseLetters("TVA")->letters(), QString("AVT"));
        QVERIFY(!ModalitySet::parseLetters("VV"));
    }

    void jsonRoundTripAndErrors()
    {
        Taxonomy t = Taxonomy::defaultTaxonomy();
        t.concepts().append(Concept{0, "New one", std::nullopt, "d", true, {}});
        const Taxonomy back = Taxonomy::fromJson(t.toJson(), "t.json");
        QCOMPARE(back.concepts().size(), 13);
        QVERIFY(!back.find("New one")->modality);
        QVERIFY(back.find("New one")->retired);
        QVERIFY_THROWS_EXCEPTION(UserError, Taxonomy::fromJson("{", "t.json"));
        QVERIFY_THROWS_EXCEPTION(
            UserError, Taxonomy::fromJson(R"({"concepts":[{"name":"a","modality":"smell"}]})", "t"));
        QVERIFY_THROWS_EXCEPTION(
            UserError, Taxonomy::fromJson(R"({"concepts":[{"name":"a"},{"name":" a"}]})", "t"));
    }
};

QTEST_GUILESS_MAIN(TestTaxonomy)
#include "tst_taxonomy.moc"
