#include "ui/trainingcurvechart.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <cmath>

namespace ms::ui {

TrainingCurveChart::TrainingCurveChart(QWidget *parent) : QChartView(parent)
{
    auto *chart = new QChart;
    m_loss = new QLineSeries;
    m_loss->setName(tr("training loss"));
    m_aucPr = new QLineSeries;
    m_aucPr->setName(tr("validation AUC-PR"));
    chart->addSeries(m_loss);
    chart->addSeries(m_aucPr);
    m_epochs = new QValueAxis;
    m_epochs->setTitleText(tr("epoch"));
    m_epochs->setLabelFormat(QStringLiteral("%d"));
    m_epochs->setRange(1, 10);
    m_lossAxis = new QValueAxis;
    m_lossAxis->setTitleText(tr("loss"));
    m_lossAxis->setRange(0, 1);
    auto *apAxis = new QValueAxis;
    apAxis->setTitleText(tr("AUC-PR"));
    apAxis->setRange(0, 1);
    chart->addAxis(m_epochs, Qt::AlignBottom);
    chart->addAxis(m_lossAxis, Qt::AlignLeft);
    chart->addAxis(apAxis, Qt::AlignRight);
    m_loss->attachAxis(m_epochs);
    m_loss->attachAxis(m_lossAxis);
    m_aucPr->attachAxis(m_epochs);
    m_aucPr->attachAxis(apAxis);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
}

void TrainingCurveChart::reset(const QString &title)
{
    m_loss->clear();
    m_aucPr->clear();
    m_maxLoss = 1.0;
    m_epochs->setRange(1, 10);
    m_lossAxis->setRange(0, 1);
    chart()->setTitle(title);
}

void TrainingCurveChart::addEpoch(int epoch, double loss, double validationAucPr)
{
    m_loss->append(epoch, loss);
    if (!std::isnan(validationAucPr))
        m_aucPr->append(epoch, validationAucPr);
    if (epoch > m_epochs->max())
        m_epochs->setRange(1, epoch + 5);
    if (loss > m_maxLoss) {
        m_maxLoss = loss;
        m_lossAxis->setRange(0, loss * 1.1);
    }
}

int TrainingCurveChart::points() const
{
    return int(m_loss->count());
}

} // namespace ms::ui
