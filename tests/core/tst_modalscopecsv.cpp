#include "core/error.h"
#include "core/modalscopecsv.h"

#include <QTest>

using namespace ms::core;

class TestModalscopeCsv : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        QList<ImportRecord> in;
        ImportRecord a;
        a.clipId = "tt1-001";
        a.movieId = "tt1";
        a.startMs = 0;
        a.endMs = 12500;
        a.level = Level::Sure;
        a.concepts = {"Body", "Speech, quoted \"x\""}; // a comma and quotes in a user concept
        ImportRecord b;
        b.clipId = "tt1-002";
        b.movieId = "tt1";
        b.level = Level::EasyNegative;
        ImportRecord c; // unannotated, no times
        c.clipId = "tt2-001";
        c.movieId = "tt2";
        in << a << b << c;
        const QString text = ModalscopeCsv::write(in);
        QVERIFY(text.startsWith("clip_id,movie,start_ms,end_ms,level,concepts\n"));
        const auto out = ModalscopeCsv::parse(text, "t.csv");
        QCOMPARE(out.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(out[i].clipId, in[i].clipId);
            QCOMPARE(out[i].movieId, in[i].movieId);
            QCOMPARE(out[i].startMs, in[i].startMs);
            QCOMPARE(out[i].endMs, in[i].endMs);
            QCOMPARE(out[i].level, in[i].level);
            QCOMPARE(out[i].concepts, in[i].concepts);
            QVERIFY(out[i].hasTimes);
        }
        QCOMPARE(ModalscopeCsv::write(out), text);
    }

    void annotatorColumn()
    {
        // One table, several annotators: one row per clip and annotator.
        const QString text = "clip_id,movie,start_ms,end_ms,level,concepts,annotator\n"
                             "a,m,0,10,S,Body,ann\n"
                             "a,m,0,10,EN,,bob\n"
                             "b,m,10,20,HN,Look,\n";
        const auto rows = ModalscopeCsv::parse(text, "t.csv");
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].annotator, QString("ann"));
        QCOMPARE(rows[1].annotator, QString("bob"));
        QCOMPARE(rows[1].level, Level::EasyNegative);
        QVERIFY(rows[2].annotator.isEmpty()); // the import's annotator
        QCOMPARE(ModalscopeCsv::write(rows), text);
        // Without annotators the column is not written.
        QList<ImportRecord> plain = rows;
        for (ImportRecord &r : plain)
            r.annotator.clear();
        QVERIFY(ModalscopeCsv::write(plain).startsWith(ModalscopeCsv::header() + "\n"));
    }

    void crlfAndBlankLines()
    {
        const auto out = ModalscopeCsv::parse(
            "clip_id,movie,start_ms,end_ms,level,concepts\r\nx,m,1,2,HN,Look| Body \r\n\r\n", "t.csv");
        QCOMPARE(out.size(), 1);
        QCOMPARE(out[0].concepts, (QStringList{"Look", "Body"}));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString h = "clip_id,movie,start_ms,end_ms,level,concepts\n";
        QTest::newRow("header") << "id,movie\n" << "line 1: the header must be";
        QTest::newRow("fields") << h + "a,m,1,2,S\n" << "line 2: expected 6";
        QTest::newRow("level") << h + "a,m,,,X,\n" << "line 2: unknown level 'X'";
        QTest::newRow("time") << h + "a,m,abc,5,S,\n" << "line 2: start_ms 'abc'";
        QTest::newRow("one time") << h + "a,m,5,,S,\n" << "both be given";
        QTest::newRow("reversed") << h + "a,m,9,5,S,\n" << "end_ms 5 is before start_ms 9";
        QTest::newRow("duplicate") << h + "a,m,,,S,\na,m,,,S,\n" << "line 3: clip id 'a'";
        QTest::newRow("concepts no level") << h + "a,m,,,,Body\n" << "level is empty";
        QTest::newRow("quote") << h + "a,m,,,S,\"Body\n" << "line 2: a quoted field";
        const QString ha = "clip_id,movie,start_ms,end_ms,level,concepts,annotator\n";
        QTest::newRow("annotator twice")
            << ha + "a,m,,,S,,ann\na,m,,,EN,,bob\na,m,,,HN,,ann\n"
            << "line 4: clip id 'a' of annotator 'ann' already appears on line 2";
        QTest::newRow("annotator times")
            << ha + "a,m,1,2,S,,ann\na,m,1,3,S,,bob\n"
            << "line 3: clip 'a' has another movie or other times than on line 2";
        QTest::newRow("annotator movie")
            << ha + "a,m,,,S,,ann\na,n,,,S,,bob\n" << "line 3: clip 'a' has another movie";
        QTest::newRow("annotator fields") << ha + "a,m,,,S,\n" << "line 2: expected 7";
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        try {
            ModalscopeCsv::parse(text, "t.csv");
            QFAIL("no error");
        } catch (const UserError &e) {
            QVERIFY2(e.message().startsWith("t.csv: ") && e.message().contains(expected),
                     qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestModalscopeCsv)
#include "tst_modalscopecsv.moc"
