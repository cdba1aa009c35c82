// Which run is shown: the Run chooser lists the stored explanation sets, the
// chosen one's lanes are built for the film shown, the explanation panel
// explains the selected clip or says why it cannot, and explaining a run in
// the background ends in words.
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "tests/testsupport.h"
#include "tests/ui/explanationfixture.h"
#include "ui/explanationpanel.h"
#include "ui/explanationsession.h"
#include "ui/projectdocument.h"
#include "ui/runchooser.h"
#include "ui/timeline/timelinewidget.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

namespace {

core::ImportRecord record(const QString &clip, const QString &movie, qint64 start)
{
    core::ImportRecord r;
    r.clipId = clip;
    r.movieId = movie;
    r.hasTimes = true;
    r.startMs = start;
    r.endMs = start + 4000;
    r.level = core::Level::Sure;
    return r;
}

} // namespace

class TestExplanationSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ui::ProjectDocument> m_doc;
    std::unique_ptr<ui::RunChooser> m_chooser;
    std::unique_ptr<ui::TimelineWidget> m_timeline;
    std::unique_ptr<ui::ExplanationPanel> m_panel;
    std::unique_ptr<core::JobRunner> m_jobs;
    std::unique_ptr<ui::ExplanationSession> m_session;

    qint64 storeSet(const QString &label) { return test::storeExplanationSet(m_path, label); }

    qint64 clipId(const QString &name) const { return test::clipIdByName(*m_doc, name); }

    qint64 filmOf(const QString &clip) const { return m_doc->clip(clipId(clip))->filmId; }

    QString panelText() const
    {
        QStringList texts;
        for (const QLabel *l : m_panel->findChildren<QLabel *>())
            if (l->isVisibleTo(m_panel.get()))
                texts.append(l->text());
        return texts.join(u'\n');
    }

    void open()
    {
        m_doc = std::make_unique<ui::ProjectDocument>(m_path,
                                                      ui::ProjectDocument::OpenMode::OpenExisting);
        m_session->setDocument(m_doc.get());
    }

private slots:
    void init()
    {
        static int n = 0;
        m_path = m_dir.filePath(QStringLiteral("p%1.msproj").arg(++n));
        {
            db::ProjectDatabase project(m_path, db::ProjectDatabase::Mode::OpenOrCreate);
            db::ImportService(project).apply({record("a1", "tt1", 0), record("a2", "tt1", 5000),
                                              record("a3", "tt1", 10000),
                                              record("b2", "tt2", 5000)},
                                             "setup", "test");
        }
        m_chooser = std::make_unique<ui::RunChooser>();
        m_timeline = std::make_unique<ui::TimelineWidget>();
        m_panel = std::make_unique<ui::ExplanationPanel>();
        m_jobs = std::make_unique<core::JobRunner>();
        m_session = std::make_unique<ui::ExplanationSession>(m_chooser.get(), m_timeline.get(),
                                                             m_panel.get(), m_jobs.get());
    }

    void cleanup()
    {
        m_session.reset();
        m_jobs.reset();
        m_panel.reset();
        m_timeline.reset();
        m_chooser.reset();
        m_doc.reset();
    }

    void nothingStoredSaysHowToGetExplanations()
    {
        open();
        QCOMPARE(m_chooser->setCount(), 0);
        QCOMPARE(m_chooser->comboBox()->itemText(0), QStringLiteral("none stored"));
        QVERIFY(!m_chooser->comboBox()->isEnabled());
        QCOMPARE(m_session->currentSet(), qint64(0));
        QVERIFY(!m_panel->hasExplanation());
        QVERIFY2(
            panelText().contains(QStringLiteral("No explanations are stored in this project yet")),
            qPrintable(panelText()));
        QVERIFY(m_timeline->overlay().isEmpty());
    }

    void chosenSetDrawsTheShownFilmsLanes()
    {
        const qint64 setId = storeSet(QStringLiteral("VT late"));
        open();
        QCOMPARE(m_chooser->setCount(), 1);
        QVERIFY(m_chooser->comboBox()->itemText(1).contains(QStringLiteral("VT late on CMSD")));
        QVERIFY2(panelText().contains(QStringLiteral("Choose a run")), qPrintable(panelText()));
        m_session->setFilm(filmOf("a1"));
        QVERIFY(m_timeline->overlay().isEmpty());
        // Chosen as a user would.
        m_chooser->comboBox()->setCurrentIndex(1);
        emit m_chooser->comboBox()->activated(1);
        QCOMPARE(m_session->currentSet(), setId);
        QCOMPARE(m_timeline->overlay().scores.size(), 2); // a1 and a3
        QCOMPARE(m_timeline->overlay().modalities,
                 core::ModalitySet({core::Modality::Visual, core::Modality::Text}));
        m_session->setFilm(filmOf("b2"));
        QCOMPARE(m_timeline->overlay().scores.size(), 1);
        QCOMPARE(m_timeline->overlay().scores[0].startMs, qint64(5000));
        m_session->setFilm(0);
        QVERIFY(m_timeline->overlay().isEmpty());
        // "none" takes the lanes away.
        m_session->setFilm(filmOf("a1"));
        QVERIFY(m_session->showSet(0));
        QVERIFY(m_timeline->overlay().isEmpty());
        QCOMPARE(m_chooser->current(), qint64(0));
    }

    void panelExplainsTheSelectedClip()
    {
        const qint64 setId = storeSet(QStringLiteral("VT late"));
        open();
        m_session->setFilm(filmOf("a1"));
        QVERIFY(m_session->showSet(setId));
        QCOMPARE(m_chooser->current(), setId);
        QVERIFY(panelText().contains(QStringLiteral("Select a clip")));
        m_session->setClip(clipId("a1"));
        QVERIFY(m_panel->hasExplanation());
        QVERIFY(m_session->explanation(QStringLiteral("a1")));
        m_session->setClip(clipId("a2"));
        QVERIFY(!m_panel->hasExplanation());
        QVERIFY2(panelText().contains(QStringLiteral("a2 was not explained")),
                 qPrintable(panelText()));
        QVERIFY(!m_session->explanation(QStringLiteral("a2")));
    }

    void unknownSetIsRefusedInWords()
    {
        const qint64 setId = storeSet(QStringLiteral("VT late"));
        open();
        QVERIFY(!m_session->showSet(setId + 100));
        QVERIFY2(m_session->lastError().contains(QString::number(setId + 100)),
                 qPrintable(m_session->lastError()));
        QCOMPARE(m_session->currentSet(), qint64(0));
    }

    void refreshFindsNewSetsAndKeepsTheShownOne()
    {
        const qint64 first = storeSet(QStringLiteral("first"));
        open();
        QVERIFY(m_session->showSet(first));
        const qint64 second = storeSet(QStringLiteral("second"));
        QCOMPARE(m_chooser->setCount(), 1);
        m_session->refresh();
        QCOMPARE(m_chooser->setCount(), 2);
        QVERIFY(m_chooser->contains(second));
        QCOMPARE(m_session->currentSet(), first);
        QCOMPARE(m_chooser->current(), first);
        // Another project starts with none shown.
        m_session->setDocument(nullptr);
        QCOMPARE(m_session->currentSet(), qint64(0));
        QCOMPARE(m_chooser->setCount(), 0);
    }

    void movedClipMovesItsLanes()
    {
        const qint64 setId = storeSet(QStringLiteral("VT late"));
        open();
        m_session->setFilm(filmOf("a1"));
        QVERIFY(m_session->showSet(setId));
        QCOMPARE(m_timeline->overlay().scores[0].startMs, qint64(0));
        QVERIFY(m_doc->setClipTimes(clipId("a1"), 1000, 3000));
        QCOMPARE(m_timeline->overlay().scores[0].startMs, qint64(1000));
        QCOMPARE(m_timeline->overlay().scores[0].endMs, qint64(3000));
    }

    void explainingNeedsAProjectAndEndsInWords()
    {
        QVERIFY(!m_session->explainRun(1, QStringLiteral("mean")));
        QCOMPARE(m_session->lastError(), QStringLiteral("Open a project first."));
        const qint64 setId = storeSet(QStringLiteral("VT late"));
        open();
        QVERIFY(m_session->showSet(setId));
        QSignalSpy started(m_jobs.get(), &core::JobRunner::started);
        QSignalSpy done(m_session.get(), &ui::ExplanationSession::explanationDone);
        QVERIFY(m_session->explainRun(999999, QStringLiteral("mean")));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(1).toString(), QStringLiteral("explanation"));
        QVERIFY(m_session->isExplaining());
        QVERIFY(!m_session->explainRun(999998, QStringLiteral("mean"))); // one at a time
        QVERIFY(m_session->lastError().contains(QStringLiteral("already")));
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toLongLong(), qint64(0));
        QVERIFY2(done.first().at(1).toString().contains(QStringLiteral("999999")),
                 qPrintable(done.first().at(1).toString()));
        QCOMPARE(m_session->lastError(), done.first().at(1).toString());
        // A failed run leaves the shown set.
        QCOMPARE(m_session->currentSet(), setId);
        QVERIFY(!m_session->isExplaining());
    }
};

QTEST_MAIN(TestExplanationSession)
#include "tst_explanationsession.moc"
