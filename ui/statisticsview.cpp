#include "ui/statisticsview.h"

#include "ui/levelpalette.h"
#include "ui/modalitypalette.h"
#include "ui/projectdocument.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <QVBoxLayout>

namespace ms::ui {

namespace {

QChartView *makeChart(const QString &title, QAbstractBarSeries *series, const QStringList &films,
                      int maxValue)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(films);
    auto *y = new QValueAxis;
    y->setRange(0, std::max(1, maxValue));
    y->setLabelFormat(QStringLiteral("%d"));
    y->applyNiceNumbers();
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    auto *view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(420, 320);
    return view;
}

} // namespace

StatisticsView::StatisticsView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)),
      m_export(new QPushButton(tr("Export CMSD Splits\u2026"), this))
{
    setWindowTitle(tr("Statistics"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_summary->setWordWrap(true);
    top->addWidget(m_summary, 1);
    m_export->setObjectName(QStringLiteral("exportSplits"));
    m_export->setToolTip(tr("Write the CMAD and the modality-specific datasets (M-CMSD) with "
                            "their folds, from the annotations counted here."));
    connect(m_export, &QPushButton::clicked, this, &StatisticsView::exportRequested);
    top->addWidget(m_export, 0, Qt::AlignTop);
    layout->addLayout(top);
    auto *charts = new QHBoxLayout;
    layout->addLayout(charts, 1);
    refresh(nullptr);
}

void StatisticsView::refresh(ProjectDocument *document)
{
    QMap<QString, int> clipsPerFilm;
    QList<core::Annotation> annotations;
    core::Taxonomy taxonomy;
    if (document) {
        for (const core::Clip &c : document->clips())
            ++clipsPerFilm[c.movieId];
        annotations = document->effectiveAnnotations();
        taxonomy = document->taxonomy();
    }
    m_stats = core::AnnotationStats::compute(clipsPerFilm, annotations, taxonomy);
    m_export->setEnabled(document != nullptr);

    QStringList films;
    for (const core::FilmStats &f : std::as_const(m_stats.films))
        films << f.movieId;

    auto *levels = new QStackedBarSeries;
    int maxClips = 0;
    for (int l = 0; l <= 3; ++l) {
        const std::optional<core::Level> level =
            l < 3 ? std::optional(core::Level(l)) : std::nullopt;
        auto *set = new QBarSet(l < 3 ? core::levelName(core::Level(l)) : tr("not yet annotated"));
        set->setColor(LevelPalette::color(level));
        for (const core::FilmStats &f : std::as_const(m_stats.films))
            *set << (l < 3 ? f.perLevel[l] : f.unannotated);
        levels->append(set);
    }
    for (const core::FilmStats &f : std::as_const(m_stats.films))
        maxClips = std::max(maxClips, f.clips);

    auto *modalities = new QBarSeries;
    int maxMod = 0;
    for (core::Modality m : core::kAllModalities) {
        auto *set = new QBarSet(core::modalityName(m));
        set->setColor(ModalityPalette::color(m));
        for (const core::FilmStats &f : std::as_const(m_stats.films)) {
            *set << f.perModality[int(m)];
            maxMod = std::max(maxMod, f.perModality[int(m)]);
        }
        modalities->append(set);
    }

    auto *charts = static_cast<QHBoxLayout *>(layout()->itemAt(1)->layout());
    delete m_levels;
    delete m_modalities;
    m_levels = makeChart(tr("Label distribution per film"), levels, films, maxClips);
    m_modalities = makeChart(tr("Clips with concepts of each modality"), modalities, films, maxMod);
    charts->addWidget(m_levels);
    charts->addWidget(m_modalities);

    const core::FilmStats &t = m_stats.total;
    m_summary->setText(tr("%1 clips in %2 film(s): %3 EN, %4 HN, %5 S, %6 not yet annotated. "
                          "Concepts: %7 visual, %8 audio, %9 textual.")
                           .arg(t.clips)
                           .arg(m_stats.films.size())
                           .arg(t.perLevel[0])
                           .arg(t.perLevel[1])
                           .arg(t.perLevel[2])
                           .arg(t.unannotated)
                           .arg(t.perModality[0])
                           .arg(t.perModality[1])
                           .arg(t.perModality[2]));
}

} // namespace ms::ui
