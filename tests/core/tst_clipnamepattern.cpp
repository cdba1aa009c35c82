#include "core/clipnamepattern.h"
#include "core/error.h"

#include <QTest>

using namespace ms::core;

class TestClipNamePattern : public QObject
{
    Q_OBJECT

private slots:
    void names_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("number");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default") << "<film>-###" << 1 << "tt0108160-001";
        QTest::newRow("past the padding") << "<film>-###" << 1234 << "tt0108160-1234";
        QTest::newRow("number first") << "#### <film> shot" << 7 << "0007 tt0108160 shot";
        QTest::newRow("no film") << "clip#" << 12 << "clip12";
        QTest::newRow("film twice") << "<film>/<film>-##" << 3 << "tt0108160/tt0108160-03";
    }
    void names()
    {
        QFETCH(QString, pattern);
        QFETCH(int, number);
        QFETCH(QString, expected);
        QCOMPARE(ClipNamePattern(pattern).name(QStringLiteral("tt0108160"), number), expected);
    }

    void takenNamesSkipped()
    {
        const ClipNamePattern p;
        QCOMPARE(p.pattern(), QStringLiteral("<film>-###"));
        QCOMPARE(p.freeNames("tt1", 3, {}), (QStringList{"tt1-001", "tt1-002", "tt1-003"}));
        QCOMPARE(p.freeNames("tt1", 3, {"tt1-002", "tt1-004", "tt2-001"}),
                 (QStringList{"tt1-001", "tt1-003", "tt1-005"}));
        QVERIFY(p.freeNames("tt1", 0, {}).isEmpty());
    }

    void refusedPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::newRow("no number") << "<film>";
        QTest::newRow("two numbers") << "##-<film>-##";
        QTest::newRow("empty") << "";
    }
    void refusedPatterns()
    {
        QFETCH(QString, pattern);
        try {
            ClipNamePattern p(pattern);
            QFAIL("accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("'%1' needs one run of '#'").arg(pattern)),
                     qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestClipNamePattern)
#include "tst_clipnamepattern.moc"
