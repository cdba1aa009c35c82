#include "database/explanationrepository.h"
#include "database/projectdatabase.h"
#include "models/openmppolicy.h"
#include "tests/database/projectdump.h"
#include "tests/models/modelfixtures.h"
#include "tests/testsupport.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

// explain, export-explanations and ablation, run as a user runs them, on a
// small project: two films, clips of the first with times, synthetic
// features with planted spans, one AVT late-fusion run.
class TestExplainCommands : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_timedFilm, m_untimedFilm; // two films of the explained test fold

    static QString dump(const QString &path)
    {
        db::ProjectDatabase p(path, db::ProjectDatabase::Mode::OpenExisting);
        return test::dumpProject(p.sql());
    }

    static QList<QStringList> readCsv(const QString &path)
    {
        QList<QStringList> rows;
        for (const QByteArray &line : test::readFile(path).trimmed().split('\n'))
            rows.append(QString::fromUtf8(line).split(u','));
        return rows;
    }

    test::CliResult cli(const QStringList &args) { return test::runCli(args, 300000); }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("p.msproj"));
        test::makeProject(m_db, 6, 20);
        // Synthetic features with planted spans (a newer extractor, chosen on a tie).
        const auto synth =
            cli({QStringLiteral("synth-features"), QStringLiteral("--db"), m_db,
                 QStringLiteral("--dims"), QStringLiteral("16,16,16"), QStringLiteral("--signal"),
                 QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("5")});
        QVERIFY2(synth.exitCode == 0, synth.err.constData());
        const auto train = cli(
            {QStringLiteral("train"), QStringLiteral("--db"), m_db, QStringLiteral("--modalities"),
             QStringLiteral("AVT"), QStringLiteral("--fusion"), QStringLiteral("late"),
             QStringLiteral("--quick"), QStringLiteral("--folds"), QStringLiteral("3"),
             QStringLiteral("--fold"), QStringLiteral("0"), QStringLiteral("--epochs"),
             QStringLiteral("3"), QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        // Films are dealt into folds: the test fold's films, one of them
        // given back-to-back 10 s clips, the other left without times.
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        auto films = p.sql().prepare("SELECT DISTINCT substr(clip, 1, 9) FROM run_predictions "
                                     "ORDER BY 1");
        QStringList names;
        while (films.step())
            names.append(films.text(0));
        QVERIFY(names.size() >= 2);
        m_timedFilm = names[0];
        m_untimedFilm = names[1];
        p.sql().exec(
            QStringLiteral("UPDATE clips SET start_ms = 10000 * CAST(substr(name, 11) AS INTEGER), "
                           "end_ms = 10000 * CAST(substr(name, 11) AS INTEGER) + 10000 "
                           "WHERE name LIKE '%1-%'")
                .arg(m_timedFilm));
    }

    void runsListsTheRunId()
    {
        const auto r = cli({QStringLiteral("runs"), QStringLiteral("--db"), m_db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("\n1\ttrain\tfinished"));
    }

    void explainWritesOneRowPerClipAndStoresTheSet()
    {
        const QString csv = m_dir.filePath(QStringLiteral("e.csv"));
        const auto r =
            cli({QStringLiteral("explain"), QStringLiteral("--db"), m_db, QStringLiteral("--run"),
                 QStringLiteral("1"), QStringLiteral("--out"), csv});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.contains("explained"));             // progress on stderr
        QVERIFY(r.out.contains("pointing game"));         // planted spans exist
        QVERIFY(r.out.contains("largest Shapley value")); // ...and the modality check
        QVERIFY(r.out.contains("  audio: spurious on ")); // summaries per modality...
        QVERIFY(
            r.out.contains(QStringLiteral("  film %1: ").arg(m_timedFilm).toUtf8())); // ...and film
        const auto rows = readCsv(csv);
        const QStringList header = rows.first();
        for (const char *c :
             {"clip_id", "v_full", "v_empty", "phi_V", "phi_A", "phi_T", "attribution_errors",
              "missed", "score_V", "inter_VA", "three_way", "interaction_share"})
            QVERIFY2(header.contains(QLatin1String(c)), c);
        QVERIFY(rows.size() > 20);
        const auto col = [&](const char *n) { return header.indexOf(QLatin1String(n)); };
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &row = rows[i];
            if (row.size() < header.size())
                continue; // an error text with a comma was quoted: checked below
            const double phi = row[col("phi_V")].toDouble() + row[col("phi_A")].toDouble() +
                               row[col("phi_T")].toDouble();
            QVERIFY(std::abs(phi - (row[col("v_full")].toDouble() -
                                    row[col("v_empty")].toDouble())) < 1e-8);
        }
        db::ProjectDatabase p(m_db, db::ProjectDatabase::Mode::OpenExisting);
        // v_full is the fused probability the run recorded for the clip.
        QHash<QString, double> recorded;
        auto preds = p.sql().prepare(
            "SELECT clip, CAST(score AS TEXT) FROM run_predictions WHERE result_id = 1");
        while (preds.step())
            recorded.insert(preds.text(0), preds.text(1).toDouble());
        QCOMPARE(qsizetype(recorded.size()), rows.size() - 1);
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QVERIFY(recorded.contains(rows[i][col("clip_id")]));
            QVERIFY(std::abs(recorded.value(rows[i][col("clip_id")]) -
                             rows[i][col("v_full")].toDouble()) < 1e-5);
        }
        db::ExplanationRepository repo(p.sql());
        const auto sets = repo.sets(1);
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets[0].baseline, QStringLiteral("mean"));
        QCOMPARE(sets[0].modalities.letters(), QStringLiteral("AVT"));
        QCOMPARE(qsizetype(repo.clips(sets[0].id).size()), rows.size() - 1);
        // Synthetic spans of a clip with times are placed on film time.
        int timed = 0;
        for (const db::ClipExplanation &c : repo.clips(sets[0].id)) {
            if (!c.clip.startsWith(m_timedFilm))
                continue;
            ++timed;
            const qint64 start = 10000 * c.clip.mid(10).toInt();
            QVERIFY(!c.tokens.empty());
            for (const auto &t : c.tokens)
                QVERIFY(t.startMs >= start && t.endMs > t.startMs);
            QCOMPARE(c.tokens.front().startMs, start); // the first token starts with its clip
        }
        QVERIFY(timed > 0);
    }

    void aModalityTheRunDoesNotUseIsLeftEmpty()
    {
        const auto train =
            cli({QStringLiteral("train"), QStringLiteral("--db"), m_db,
                 QStringLiteral("--modalities"), QStringLiteral("AV"), QStringLiteral("--quick"),
                 QStringLiteral("--folds"), QStringLiteral("3"), QStringLiteral("--fold"),
                 QStringLiteral("0"), QStringLiteral("--epochs"), QStringLiteral("1"),
                 QStringLiteral("--device"), QStringLiteral("cpu")});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        const QString csv = m_dir.filePath(QStringLiteral("av.csv"));
        const auto r =
            cli({QStringLiteral("explain"), QStringLiteral("--db"), m_db, QStringLiteral("--run"),
                 QStringLiteral("2"), QStringLiteral("--baseline"), QStringLiteral("drop"),
                 QStringLiteral("--out"), csv});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto rows = readCsv(csv);
        const qsizetype t = rows.first().indexOf(QStringLiteral("phi_T"));
        const qsizetype v = rows.first().indexOf(QStringLiteral("phi_V"));
        QVERIFY(rows.size() > 1);
        QVERIFY(rows[1][t].isEmpty());
        QVERIFY(!rows[1][v].isEmpty());
        QVERIFY(rows[1][rows.first().indexOf(QStringLiteral("three_way"))].isEmpty());
    }

    void badInputFailsClearlyAndChangesNothing()
    {
        const QString before = dump(m_db);
        const QString csv = m_dir.filePath(QStringLiteral("bad.csv"));
        auto r = cli({QStringLiteral("explain"), QStringLiteral("--db"), m_db,
                      QStringLiteral("--run"), QStringLiteral("77"), QStringLiteral("--out"), csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no run 77"));
        QVERIFY(!QFileInfo::exists(csv));
        r = cli({QStringLiteral("explain"), QStringLiteral("--db"), m_db, QStringLiteral("--run"),
                 QStringLiteral("1"), QStringLiteral("--result"), QStringLiteral("999"),
                 QStringLiteral("--out"), csv});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no result 999"));
        r = cli({QStringLiteral("explain"), QStringLiteral("--db"), m_db, QStringLiteral("--run"),
                 QStringLiteral("1"), QStringLiteral("--baseline"), QStringLiteral("median"),
                 QStringLiteral("--out"), csv});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("export-explanations"), QStringLiteral("--db"), m_db,
                 QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--film"),
                 QStringLiteral("tt404"), QStringLiteral("--vtt"),
                 m_dir.filePath(QStringLiteral("x.vtt"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no film 'tt404'"));
        r = cli({QStringLiteral("ablation"), QStringLiteral("--db"), m_db, QStringLiteral("--run"),
                 QStringLiteral("77")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(dump(m_db), before);
    }

    void exportWritesOneCuePerClipWithTimes()
    {
        const QString vtt = m_dir.filePath(QStringLiteral("f.vtt"));
        auto r = cli({QStringLiteral("export-explanations"), QStringLiteral("--db"), m_db,
                      QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--film"),
                      m_timedFilm, QStringLiteral("--vtt"), vtt});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray text = test::readFile(vtt);
        QVERIFY(text.startsWith("WEBVTT"));
        const int cues = int(text.count("-->"));
        QVERIFY(cues > 0);
        QVERIFY(r.out.contains(QByteArray("wrote ") + QByteArray::number(cues) + " cues"));
        QVERIFY(text.contains("largest attribution: "));
        QVERIFY(text.contains("scores V "));
        // Times of clip k of the film are [10 k s, 10 k s + 10 s).
        QVERIFY(QString::fromUtf8(text).contains(QRegularExpression(
            QStringLiteral("00:0\\d:\\d0\\.000 --> 00:0\\d:\\d0\\.000\\n%1-").arg(m_timedFilm))));

        // The other film's clips have no times: a clear error, no file.
        const QString none = m_dir.filePath(QStringLiteral("none.vtt"));
        r = cli({QStringLiteral("export-explanations"), QStringLiteral("--db"), m_db,
                 QStringLiteral("--run"), QStringLiteral("1"), QStringLiteral("--film"),
                 m_untimedFilm, QStringLiteral("--vtt"), none});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("have no start and end times"));
        QVERIFY(!QFileInfo::exists(none));
    }

    void ablationHasOneRowPerRemovedModalityAndBaseline()
    {
        const QString csv = m_dir.filePath(QStringLiteral("ab.csv"));
        const auto r =
            cli({QStringLiteral("ablation"), QStringLiteral("--db"), m_db, QStringLiteral("--run"),
                 QStringLiteral("1"), QStringLiteral("--out"), csv});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto rows = readCsv(csv);
        QCOMPARE(
            rows.first().join(u','),
            QStringLiteral("result_id,modalities,fusion,train_set,fold,removed,baseline,auc_pr"));
        QCOMPARE(rows.size(), 1 + 1 + 3 * 3); // one result: all, then 3 modalities x 3 baselines
        QVERIFY(r.out.contains("-V zeros"));
        QVERIFY(r.out.contains("AVT late CMSD"));
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const double ap = rows[i].last().toDouble();
            QVERIFY(ap >= 0 && ap <= 1);
        }
    }

    void runShowsResultIdsAndStoredExplanations()
    {
        const auto r = cli({QStringLiteral("runs"), QStringLiteral("--db"), m_db,
                            QStringLiteral("--run"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("result ids:\n  #1 AVT late on CMSD fold 0\n"));
        QVERIFY(r.out.contains("stored explanations:\n  set "));
        QVERIFY(r.out.contains("baseline mean"));
    }
};

int main(int argc, char **argv)
{
    ms::models::ensurePassiveOpenMp(argv); // see models/openmppolicy.h
    QCoreApplication app(argc, argv);
    TestExplainCommands t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_explaincommands.moc"
