#include "core/conceptkeymap.h"
#include "core/error.h"
#include "core/taxonomy.h"

#include <QSet>
#include <QTest>

using namespace ms::core;

class TestConceptKeyMap : public QObject
{
    Q_OBJECT

    static Concept makeConcept(const QString &name, const QString &key = {})
    {
        Concept c;
        c.name = name;
        c.modality = Modality::Visual;
        c.shortcut = key;
        return c;
    }

private slots:
    void defaultThesaurusKeys_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("key");
        // First free letter of the name; N, L, O, I, S, M are the window's.
        QTest::newRow("Type of plan") << "Type of plan"
                                      << "T";
        QTest::newRow("Look") << "Look"
                              << "K";
        QTest::newRow("Body") << "Body"
                              << "B";
        QTest::newRow("Clothes") << "Clothes"
                                 << "C";
        QTest::newRow("Posture") << "Posture"
                                 << "P";
        QTest::newRow("Appearance") << "Appearance"
                                    << "A";
        QTest::newRow("Activities") << "Activities"
                                    << "V";
        QTest::newRow("Exp of emotion") << "Exp of emotion"
                                        << "E";
        QTest::newRow("Speech") << "Speech"
                                << "H";
        QTest::newRow("Narratology") << "Narratology"
                                     << "R";
        QTest::newRow("Voice (no free letter: first free of the alphabet)") << "Voice"
                                                                            << "D";
        QTest::newRow("Soundtrack") << "Soundtrack"
                                    << "U";
    }

    void defaultThesaurusKeys()
    {
        QFETCH(QString, name);
        QFETCH(QString, key);
        const ConceptKeyMap keys(Taxonomy::defaultTaxonomy());
        QCOMPARE(QString(keys.keyOf(name)), key);
        QCOMPARE(keys.conceptOf(key.at(0)), name);
        QCOMPARE(keys.conceptOf(key.at(0).toLower()), name);
    }

    void keysAreDistinctAndNeverReserved()
    {
        const Taxonomy t = Taxonomy::defaultTaxonomy();
        const ConceptKeyMap keys(t);
        QSet<QChar> seen;
        for (const Concept &c : t.concepts()) {
            const QChar k = keys.keyOf(c.name);
            QVERIFY2(!k.isNull(), qPrintable(c.name));
            QVERIFY2(!ConceptKeyMap::isReserved(k), qPrintable(c.name));
            QVERIFY2(!seen.contains(k), qPrintable(c.name));
            seen.insert(k);
        }
        for (QChar r : QStringLiteral("0123NnLlIiOoSsMm"))
            QVERIFY(ConceptKeyMap::isReserved(r));
        for (QChar r : QStringLiteral("ABZ49"))
            QVERIFY(!ConceptKeyMap::isReserved(r));
    }

    void ownKeyWinsAndDefaultsStayStable()
    {
        // Body's own key X: Bed keeps its default E, B is left to nobody.
        Taxonomy t({makeConcept("Body", "x"), makeConcept("Bed"), makeConcept("Look")});
        ConceptKeyMap keys(t);
        QCOMPARE(keys.keyOf("Body"), QChar(u'X'));
        QCOMPARE(keys.keyOf("Bed"), QChar(u'E'));
        QVERIFY(keys.conceptOf(u'B').isEmpty());
        // Choosing a key moves only the concept whose default it was.
        const Taxonomy thesaurus = Taxonomy::defaultTaxonomy();
        const ConceptKeyMap before(thesaurus);
        Taxonomy chosen = thesaurus;
        for (Concept &c : chosen.concepts())
            if (c.name == "Look")
                c.shortcut = "D"; // Voice's default
        const ConceptKeyMap after(chosen);
        for (const Concept &c : thesaurus.concepts()) {
            if (c.name == "Look")
                QCOMPARE(after.keyOf(c.name), QChar(u'D'));
            else if (c.name == "Voice")
                QCOMPARE(after.keyOf(c.name), QChar(u'F')); // next free: F
            else
                QCOMPARE(after.keyOf(c.name), before.keyOf(c.name));
        }
        // A concept chosen further down takes its key before the defaults run.
        Taxonomy u({makeConcept("Bed"), makeConcept("Body", "B")});
        ConceptKeyMap k2(u);
        QCOMPARE(k2.keyOf("Body"), QChar(u'B'));
        QCOMPARE(k2.keyOf("Bed"), QChar(u'E'));
        // Adding a concept at the end moves no existing key.
        Taxonomy v = t;
        v.concepts().append(makeConcept("Belly"));
        ConceptKeyMap k3(v);
        for (const char *n : {"Body", "Bed", "Look"})
            QCOMPARE(k3.keyOf(n), keys.keyOf(n));
        QVERIFY(!k3.keyOf("Belly").isNull());
    }

    void keysRunOutGracefully()
    {
        QList<Concept> many;
        for (int i = 0; i < 40; ++i)
            many.append(makeConcept(QStringLiteral("Concept %1").arg(i)));
        const ConceptKeyMap keys{Taxonomy(many)};
        // 26 letters - 6 reserved + digits 4..9.
        QCOMPARE(keys.size(), 26);
        QVERIFY(keys.keyOf("Concept 39").isNull());
        QVERIFY(keys.conceptOf(u'N').isEmpty());
    }

    void validateRefusesInWords_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("words");
        QTest::newRow("level key") << "1"
                                   << "the window uses it";
        QTest::newRow("next unannotated") << "n"
                                          << "the window uses it";
        QTest::newRow("split") << "S"
                               << "the window uses it";
        QTest::newRow("two letters") << "AB"
                                     << "one letter";
        QTest::newRow("punctuation") << "/"
                                     << "one letter";
        QTest::newRow("taken") << "x"
                               << "already the key of 'Body'";
    }

    void validateRefusesInWords()
    {
        QFETCH(QString, key);
        QFETCH(QString, words);
        const Taxonomy t({makeConcept("Body", "X"), makeConcept("Look")});
        try {
            ConceptKeyMap::validate(key, "Look", t);
            QFAIL("accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(words), qPrintable(e.message()));
            QVERIFY2(e.message().contains("Look"), qPrintable(e.message()));
        }
    }

    void validateAccepts()
    {
        const Taxonomy t({makeConcept("Body", "X"), makeConcept("Look")});
        QCOMPARE(ConceptKeyMap::validate(" q ", "Look", t), QStringLiteral("Q"));
        QCOMPARE(ConceptKeyMap::validate("x", "Body", t), QStringLiteral("X")); // its own
        QCOMPARE(ConceptKeyMap::validate("", "Look", t), QString());
    }

    void jsonCarriesKeys()
    {
        Taxonomy t({makeConcept("Body", "X"), makeConcept("Look")});
        const Taxonomy back = Taxonomy::fromJson(t.toJson(), "t.json");
        QCOMPARE(back.find("Body")->shortcut, QStringLiteral("X"));
        QVERIFY(back.find("Look")->shortcut.isEmpty());
        try {
            Taxonomy::fromJson(R"({"concepts":[{"name":"A","modality":"visual","key":"1"}]})",
                               "bad.json");
            QFAIL("a reserved key was accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().startsWith("bad.json: "), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestConceptKeyMap)
#include "tst_conceptkeymap.moc"
