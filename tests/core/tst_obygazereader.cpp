#include "core/error.h"
#include "core/obygazereader.h"

#include <QTest>

using namespace ms::core;

namespace {

const QByteArray kHeader =
    "idx;util;clip;label;overlap_ratio;concepts;id;movie;srt_name;video_name;graph_number\r\n"
    ";;;;;;;;;;\r\n";

QByteArray row(int idx, const QByteArray &label, const QByteArray &concepts, const QByteArray &id,
               const QByteArray &movie = "tt0000001")
{
    return QByteArray::number(idx) + ";1;" + movie + "scene-x;" + label + ";1.00;" + concepts + ";" +
           id + ";" + movie + ";s.srt;v.avi;0\r\n";
}

QList<ImportRecord> parse(const QByteArray &bytes, NotSureRule rule = NotSureRule::HardNegative)
{
    return ObyGazeReader::parse(QString::fromUtf8(bytes), "fixture.csv", rule);
}

} // namespace

class TestObyGazeReader : public QObject
{
    Q_OBJECT

private slots:
    void publishedShape()
    {
        // CRLF, the separator row, ['']-for-none, stray spaces, double inner spaces.
        const QByteArray text = kHeader + row(0, "Easy Neg", "['']", "tt0000001-001") +
                                row(1, "Hard Neg", "['Speech', ' Exp of  emotion']", "tt0000001-002") +
                                row(2, "Sure", "[' Body', 'Body', ' Voice ']", "tt0000001-003") +
                                row(3, "Not Sure", "['Activities']", "tt0000001-004");
        const auto recs = parse(text);
        QCOMPARE(recs.size(), 4);
        QCOMPARE(recs[0].clipId, QString("tt0000001-001"));
        QCOMPARE(recs[0].movieId, QString("tt0000001"));
        QCOMPARE(recs[0].level, std::optional(Level::EasyNegative));
        QVERIFY(recs[0].concepts.isEmpty());
        QCOMPARE(recs[0].line, 3);
        QCOMPARE(recs[1].concepts, (QStringList{"Speech", "Exp of emotion"}));
        QCOMPARE(recs[2].concepts, (QStringList{"Body", "Voice"})); // duplicates folded
        QCOMPARE(recs[2].level, std::optional(Level::Sure));
        QCOMPARE(recs[3].level, std::optional(Level::HardNegative)); // default Not Sure rule
        QCOMPARE(recs[3].sourceLabel, QString("Not Sure"));
        QVERIFY(!recs[0].hasTimes);
    }

    void notSureRule_data()
    {
        QTest::addColumn<int>("rule");
        QTest::addColumn<int>("expected"); // -1: excluded
        QTest::newRow("hn") << int(NotSureRule::HardNegative) << int(Level::HardNegative);
        QTest::newRow("s") << int(NotSureRule::Sure) << int(Level::Sure);
        QTest::newRow("exclude") << int(NotSureRule::Exclude) << -1;
    }

    void notSureRule()
    {
        QFETCH(int, rule);
        QFETCH(int, expected);
        const auto recs = parse(kHeader + row(0, "Not Sure", "['Look']", "a-1"), NotSureRule(rule));
        QCOMPARE(recs.size(), 1);
        if (expected < 0)
            QVERIFY(!recs[0].level.has_value());
        else
            QCOMPARE(int(*recs[0].level), expected);
        QCOMPARE(parseNotSureRule("EXCLUDE"), std::optional(NotSureRule::Exclude));
        QVERIFY(!parseNotSureRule("maybe"));
    }

    void lfLineEndsAndBom()
    {
        QByteArray text = "\xEF\xBB\xBF" + kHeader + row(0, "Sure", "[\"Look\"]", "b-1");
        text.replace("\r\n", "\n");
        const auto recs = ObyGazeReader::parse(
            QString::fromUtf8(text.mid(3)), "fixture.csv", NotSureRule::HardNegative);
        QCOMPARE(recs.size(), 1);
        QCOMPARE(recs[0].concepts, QStringList{"Look"});
    }

    void unknownConceptIsKept()
    {
        // The reader keeps every name; the importer reports and stores unknown ones.
        const auto recs = parse(kHeader + row(0, "Sure", "['Look', 'Gaze of camera']", "c-1"));
        QCOMPARE(recs[0].concepts, (QStringList{"Look", "Gaze of camera"}));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected"); // a fragment of the message

        QTest::newRow("broken line") << kHeader + row(0, "Sure", "['Look']", "d-1") +
                                            "1;1;clip;Sure;1.00\r\n" +
                                            row(2, "Sure", "['Look']", "d-3")
                                     << "fixture.csv: line 4: expected 11 fields";
        QTest::newRow("unknown label") << kHeader + row(0, "Maybe", "['']", "d-1")
                                       << "line 3: unknown label 'Maybe'";
        QTest::newRow("bad concept list") << kHeader + row(0, "Sure", "Look, Body", "d-1")
                                          << "line 3: concepts 'Look, Body'";
        QTest::newRow("unclosed quote in list") << kHeader + row(0, "Sure", "['Look]", "d-1")
                                                << "line 3: concepts";
        QTest::newRow("unquoted item") << kHeader + row(0, "Sure", "[Look]", "d-1")
                                       << "must be quoted";
        QTest::newRow("empty id") << kHeader + row(0, "Sure", "['']", "") << "line 3: the clip id";
        QTest::newRow("duplicate id")
            << kHeader + row(0, "Sure", "['']", "d-1") + row(1, "Sure", "['']", "d-1")
            << "line 4: clip id 'd-1' already appears on line 3";
        QTest::newRow("missing column")
            << QByteArray("idx;clip;label;concepts;movie\r\n0;x;Sure;[''];tt1\r\n")
            << "the header has no 'id' column";
        QTest::newRow("empty file") << QByteArray() << "the file is empty";
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        try {
            parse(text);
            QFAIL("no error reported");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(expected),
                     qPrintable(QString("'%1' lacks '%2'").arg(e.message(), expected)));
        }
    }

    void pythonList_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty") << "[]" << QStringList{};
        QTest::newRow("empty string") << "['']" << QStringList{""};
        QTest::newRow("spaces") << " [ 'a' ,  ' b' ] " << QStringList{"a", " b"};
        QTest::newRow("double quotes") << "[\"it's\"]" << QStringList{"it's"};
        QTest::newRow("escape") << "['it\\'s']" << QStringList{"it's"};
        QTest::newRow("trailing comma") << "['a',]" << QStringList{"a"};
    }

    void pythonList()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(ObyGazeReader::parsePythonStringList(text), expected);
    }

    void missingFile()
    {
        QVERIFY_THROWS_EXCEPTION(UserError, ObyGazeReader::read("/nonexistent/table.csv",
                                                                 NotSureRule::HardNegative));
    }
};

QTEST_GUILESS_MAIN(TestObyGazeReader)
#include "tst_obygazereader.moc"
