#include "core/error.h"
#include "core/scoretable.h"

#include <QtTest>

using ms::core::ScoreTable;
using ms::core::UserError;

class TestScoreTable : public QObject
{
    Q_OBJECT

private slots:
    void parse()
    {
        const auto t = ScoreTable::parse("id,target,score\r\na,1,0.75\r\n\r\nb,0, -2.5 \r\n",
                                         QStringLiteral("s.csv"));
        QCOMPARE(t.scores, (std::vector<float>{0.75f, -2.5f}));
        QCOMPARE(t.targets, (std::vector<int>{1, 0}));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("part");
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("no target column") << QByteArray("score,label\n1,1\n") << "score and target";
        QTest::newRow("nan") << QByteArray("score,target\nnan,1\n") << "line 2";
        QTest::newRow("beyond a float") << QByteArray("score,target\n0,1\n1e300,0\n") << "line 3";
        QTest::newRow("target 2") << QByteArray("score,target\n0.5,2\n") << "line 2";
        QTest::newRow("no positive") << QByteArray("score,target\n0.5,0\n") << "no positive";
        QTest::newRow("open quote") << QByteArray("score,target\n\"0.5,1\n") << "s.csv";
    }

    void refused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, part);
        try {
            ScoreTable::parse(bytes, QStringLiteral("s.csv"));
            QFAIL("no UserError");
        } catch (const UserError &e) {
            QVERIFY2(e.message().startsWith(u"s.csv"), qPrintable(e.message()));
            QVERIFY2(e.message().contains(part), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestScoreTable)
#include "tst_scoretable.moc"
