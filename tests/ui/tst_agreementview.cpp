#include "../testsupport.h"
#include "core/agreementanalysis.h"
#include "ui/agreementview.h"
#include "ui/projectdocument.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QHorizontalStackedBarSeries>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace ms;
using core::Level;

namespace {

// The data of tests/app/tst_agreementcommand.cpp: three annotators, five
// clips of two films, carol annotated two clips only. Levels as reliability
// data (EN = 0, HN = 1, S = 2; alice, bob, carol):
//   tt1-001 (2,2,2)  tt1-002 (0,1,.)  tt1-003 (1,1,.)  tt2-001 (2,1,2)  tt2-002 (0,0,.)
core::ImportRecord record(const QString &clip, Level level, const QStringList &concepts = {})
{
    const QString movie = clip.left(3);
    core::ImportRecord r =
        test::timedRecord(clip, movie, (clip.right(1).toInt() - 1) * 1000, 1000, level);
    r.concepts = concepts;
    return r;
}

QList<core::ImportRecord> alice()
{
    return {record("tt1-001", Level::Sure, {"Body", "Speech"}),
            record("tt1-002", Level::EasyNegative),
            record("tt1-003", Level::HardNegative, {"Look"}),
            record("tt2-001", Level::Sure, {"Body"}), record("tt2-002", Level::EasyNegative)};
}

QList<core::ImportRecord> bob()
{
    return {
        record("tt1-001", Level::Sure, {"Body"}), record("tt1-002", Level::HardNegative, {"Look"}),
        record("tt1-003", Level::HardNegative, {"Look"}),
        record("tt2-001", Level::HardNegative, {"Body"}), record("tt2-002", Level::EasyNegative)};
}

QList<core::ImportRecord> carol()
{
    return {record("tt1-001", Level::Sure, {"Body", "Voice"}), record("tt2-001", Level::Sure)};
}

double cellValue(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->data(Qt::UserRole).toDouble() : std::nan("");
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-9;
}

} // namespace

class TestAgreementView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<ui::ProjectDocument> project(const QString &name,
                                                 const QList<QList<core::ImportRecord>> &tables)
    {
        auto doc = std::make_unique<ui::ProjectDocument>(m_dir.filePath(name),
                                                         ui::ProjectDocument::OpenMode::Create);
        const QStringList names = {"alice", "bob", "carol"};
        for (int i = 0; i < tables.size(); ++i)
            doc->importRecords(tables.at(i), names.at(i), QStringLiteral("test"), {});
        return doc;
    }

private slots:
    void levelAlphaAsCoreComputesIt()
    {
        auto doc = project("team.msproj", {alice(), bob(), carol()});
        ui::AgreementView view;
        view.setBootstrapDraws(50);
        view.refresh(doc.get());
        QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
        QVERIFY(view.analysis());
        QTableWidget *table = view.table();
        QVERIFY(table->item(0, ui::AgreementView::Variable)->text().startsWith("Level"));

        // Hand-checked (see tst_agreementcommand): nominal 25/47, ordinal 2309/3024.
        QVERIFY2(near(cellValue(table, 0, ui::AgreementView::AlphaNominal), 25.0 / 47.0),
                 qPrintable(table->item(0, ui::AgreementView::AlphaNominal)->text()));
        QVERIFY(near(cellValue(table, 0, ui::AgreementView::AlphaOrdinal), 2309.0 / 3024.0));
        QCOMPARE(table->item(0, ui::AgreementView::AlphaNominal)->text(), QStringLiteral("0.532"));
        QCOMPARE(cellValue(table, 0, ui::AgreementView::Units), 5.0);
        QCOMPARE(cellValue(table, 0, ui::AgreementView::Annotators), 3.0);
        QVERIFY(table->item(0, ui::AgreementView::Interval)->text().startsWith(u'['));

        // The same as core's computation on the same annotations.
        core::AgreementAnalysis::Options options;
        options.bootstrap.draws = 0;
        const auto expected =
            core::AgreementAnalysis::compute(doc->annotatorAnnotations(), doc->taxonomy(), options);
        QCOMPARE(cellValue(table, 0, ui::AgreementView::AlphaNominal),
                 *expected.corpus().level.alpha(core::AlphaMetric::Nominal)->result.alpha);

        // Rows: the level, each concept, each modality.
        const auto &concepts = view.analysis()->corpus().concepts;
        QCOMPARE(table->rowCount(), 1 + int(concepts.size()) + 3);
        int body = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, ui::AgreementView::Variable)->text().startsWith("Body"))
                body = r;
        QVERIFY(body > 0);
        QVERIFY(near(cellValue(table, body, ui::AgreementView::AlphaNominal), 24.0 / 35.0));
        QVERIFY(table->item(body, ui::AgreementView::AlphaOrdinal)->text().isEmpty());

        // Scope: the corpus, then each film.
        QComboBox *scope = view.scopeChooser();
        QCOMPARE(scope->count(), 3);
        QCOMPARE(scope->itemData(1).toString(), QStringLiteral("tt1"));
        scope->setCurrentIndex(1);
        // tt1: 3 clips pairable on the level.
        QCOMPARE(cellValue(table, 0, ui::AgreementView::Units), 3.0);
        QCOMPARE(
            cellValue(table, 0, ui::AgreementView::AlphaNominal),
            *view.analysis()->films().at(0).level.alpha(core::AlphaMetric::Nominal)->result.alpha);
        // A refresh keeps the chosen film.
        view.refresh(doc.get());
        QCOMPARE(scope->currentData().toString(), QStringLiteral("tt1"));
    }

    void chartHasOneBarPerConcept()
    {
        auto doc = project("chart.msproj", {alice(), bob()});
        ui::AgreementView view;
        view.setBootstrapDraws(0);
        view.refresh(doc.get());
        QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
        const core::AgreementScope &corpus = view.analysis()->corpus();
        QCOMPARE(view.chart()->series().size(), 1);
        auto *series = qobject_cast<QHorizontalStackedBarSeries *>(view.chart()->series().first());
        QVERIFY(series);
        auto *x = qobject_cast<QBarCategoryAxis *>(view.chart()->axes(Qt::Vertical).first());
        QVERIFY(x);
        QCOMPARE(x->count(), int(corpus.concepts.size()));
        // Each concept's bar is in its modality's set only, as high as its
        // alpha; the first concept is drawn at the top (the last category).
        const int n = int(corpus.concepts.size());
        int drawn = 0;
        for (int i = 0; i < n; ++i) {
            const int bar = n - 1 - i;
            QCOMPARE(x->at(bar), corpus.concepts.at(i).name);
            const auto &alpha =
                corpus.conceptSummaries.at(i).alpha(core::AlphaMetric::Nominal)->result.alpha;
            int bars = 0;
            double height = 0;
            for (QBarSet *set : series->barSets())
                if (set->at(bar) != 0.0) {
                    ++bars;
                    height = set->at(bar);
                    if (corpus.concepts.at(i).modality)
                        QCOMPARE(set->label(), core::modalityName(*corpus.concepts.at(i).modality));
                }
            QVERIFY(bars <= 1);
            if (alpha && *alpha != 0.0) {
                QCOMPARE(bars, 1);
                QCOMPARE(height, *alpha);
                ++drawn;
            }
        }
        QVERIFY(drawn >= 2); // Body and Look at least
    }

    void oneAnnotatorSaysWhatToDo()
    {
        auto doc = project("solo.msproj", {alice()});
        ui::AgreementView view;
        view.refresh(doc.get());
        QVERIFY(!view.analysis());
        // The CLI's words.
        QCOMPARE(view.message(), core::AgreementAnalysis::tooFewCodersMessage(
                                     doc->location().toString(), {QStringLiteral("alice")}));
        QVERIFY(view.message().contains(QStringLiteral("only one ('alice')")));
        QVERIFY(view.table()->isHidden() || !view.table()->isVisibleTo(&view));
        view.refresh(nullptr);
        QVERIFY(view.message().contains(QStringLiteral("Open a project")));
    }
};

QTEST_MAIN(TestAgreementView)
#include "tst_agreementview.moc"
