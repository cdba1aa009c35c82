// Extracting features in the background: one at a time, and every way it
// ends said in words (the window test extracts a real film).
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "ui/featureextraction.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

namespace {

class Noop final : public core::Job
{
public:
    QString kind() const override { return QStringLiteral("noop"); }
    QString title() const override { return QStringLiteral("Nothing"); }
    core::JobOutcome run(core::JobContext &) override { return core::JobOutcome::done({}); }
};

} // namespace

class TestFeatureExtraction : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("p.msproj"));
        db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenOrCreate);
        core::ImportRecord r;
        r.clipId = QStringLiteral("a1");
        r.movieId = QStringLiteral("tt0000001");
        db::ImportService(project).apply({r}, "setup", "test");
    }

    void unknownFilmFailsInWordsAndOneRunsAtATime()
    {
        core::JobRunner jobs;
        ui::FeatureExtraction extraction(&jobs);
        QSignalSpy ended(&extraction, &ui::FeatureExtraction::ended);
        QSignalSpy message(&extraction, &ui::FeatureExtraction::message);
        const core::ModalitySet va{core::Modality::Visual, core::Modality::Audio};
        const db::ProjectLocation project = db::ProjectLocation::file(m_path);
        QVERIFY(extraction.start(project, QStringLiteral("tt9999999"), va));
        QCOMPARE(message.first().first().toString(),
                 QStringLiteral("Extracting the features of tt9999999\u2026"));
        QVERIFY(extraction.isRunning());
        QVERIFY(!extraction.start(project, QString(), va));
        QVERIFY(extraction.lastError().contains(QStringLiteral("already")));
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.size(), 1);
        QVERIFY(!ended.first().at(1).toBool());
        const QString text = ended.first().first().toString();
        QVERIFY2(text.startsWith(QStringLiteral("Cannot extract features: ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("tt9999999")), qPrintable(text));
        QCOMPARE(extraction.lastError(), text);
        QCOMPARE(message.last().first().toString(), text);
        QVERIFY(!extraction.isRunning());
    }

    void filmsWithoutMediaEndDone()
    {
        core::JobRunner jobs;
        ui::FeatureExtraction extraction(&jobs);
        QSignalSpy ended(&extraction, &ui::FeatureExtraction::ended);
        QVERIFY(extraction.start(db::ProjectLocation::file(m_path), QString(),
                                 {core::Modality::Visual}));
        QVERIFY(ended.wait(60000));
        QVERIFY2(ended.first().at(1).toBool(), qPrintable(ended.first().first().toString()));
        QVERIFY(extraction.lastError().isEmpty());
    }

    void othersJobsAreNotTaken()
    {
        core::JobRunner jobs;
        ui::FeatureExtraction extraction(&jobs);
        QSignalSpy ended(&extraction, &ui::FeatureExtraction::ended);
        extraction.cancel(); // nothing runs: nothing happens
        jobs.start(std::make_unique<Noop>());
        QVERIFY(jobs.waitForIdle(10000));
        QCOMPARE(ended.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFeatureExtraction)
#include "tst_featureextraction.moc"
