#include "core/attributionerrors.h"

#include <QTest>

using namespace ms::core;
using Phi = std::array<std::optional<double>, 3>;

Q_DECLARE_METATYPE(Phi)

class TestAttributionErrors : public QObject
{
    Q_OBJECT

private slots:
    void rules_data()
    {
        QTest::addColumn<Phi>("phi");         // V, A, T
        QTest::addColumn<QString>("annotated"); // modality letters of the concepts
        QTest::addColumn<QString>("level");     // EN/HN/S or "" (not annotated)
        QTest::addColumn<QString>("spurious");
        QTest::addColumn<QString>("missed");
        const std::nullopt_t none = std::nullopt;
        QTest::newRow("agrees") << Phi{0.3, 0.0, 0.0} << "V" << "S" << "" << "";
        QTest::newRow("text fires, visual annotated") << Phi{0.05, 0.0, 0.31} << "V" << "S" << "T" << "";
        QTest::newRow("fires on an EN clip") << Phi{0.2, 0.0, 0.0} << "" << "EN" << "V" << "";
        QTest::newRow("small attribution is no error") << Phi{0.09, 0.0, 0.0} << "" << "EN" << "" << "";
        QTest::newRow("ignores annotated audio") << Phi{0.4, 0.01, 0.0} << "VA" << "HN" << "" << "A";
        QTest::newRow("both at once") << Phi{0.0, 0.25, 0.0} << "V" << "S" << "A" << "V";
        QTest::newRow("no miss on EN") << Phi{0.0, 0.0, 0.0} << "V" << "EN" << "" << "";
        QTest::newRow("unused modality never counts") << Phi{none, none, 0.5} << "V" << "S" << "T" << "";
        QTest::newRow("unused annotated modality is no miss") << Phi{none, 0.3, none} << "AV" << "S" << "" << "";
        QTest::newRow("negative attribution") << Phi{-0.3, 0.0, 0.0} << "" << "EN" << "" << "";
        QTest::newRow("unannotated clip") << Phi{0.5, 0.0, 0.0} << "" << "" << "V" << "";
    }

    void rules()
    {
        QFETCH(Phi, phi);
        QFETCH(QString, annotated);
        QFETCH(QString, level);
        QFETCH(QString, spurious);
        QFETCH(QString, missed);
        const ModalitySet ann = annotated.isEmpty() ? ModalitySet{} : *ModalitySet::parseLetters(annotated);
        const auto e = attributionErrors(phi, ann, level.isEmpty() ? std::nullopt : parseLevel(level));
        QCOMPARE(e.spurious.isEmpty() ? QString() : e.spurious.letters(), spurious.isEmpty() ? QString() : ModalitySet::parseLetters(spurious)->letters());
        QCOMPARE(e.missed.isEmpty() ? QString() : e.missed.letters(), missed.isEmpty() ? QString() : ModalitySet::parseLetters(missed)->letters());
    }

    void wordsAndCodes()
    {
        const Phi phi{0.05, 0.0, 0.31};
        const auto e = attributionErrors(phi, ModalitySet{Modality::Visual}, Level::Sure);
        QCOMPARE(e.spuriousCode(), QString("T"));
        QCOMPARE(e.describe(phi, ModalitySet{Modality::Visual}),
                 QString("textual attribution 0.31 without any annotated textual concept (experts annotated visual concepts only)"));
        const auto f = attributionErrors({0.2, 0.3, 0.0}, {}, Level::EasyNegative);
        QCOMPARE(f.spuriousCode(), QString("V|A"));
    }
};

QTEST_GUILESS_MAIN(TestAttributionErrors)
#include "tst_attributionerrors.moc"
