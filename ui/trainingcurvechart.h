#pragma once

#include <QChartView>

class QLineSeries;
class QValueAxis;

namespace ms::ui {

// Live curves of the model in training: mean training loss (left axis) and
// validation AUC-PR (right axis, 0 to 1) per epoch. reset() when the next
// model of a run starts.
class TrainingCurveChart : public QChartView
{
    Q_OBJECT
public:
    explicit TrainingCurveChart(QWidget *parent = nullptr);

    void reset(const QString &title);
    void addEpoch(int epoch, double loss, double validationAucPr);
    int points() const;

private:
    QLineSeries *m_loss = nullptr;
    QLineSeries *m_aucPr = nullptr;
    QValueAxis *m_epochs = nullptr;
    QValueAxis *m_lossAxis = nullptr;
    double m_maxLoss = 1.0;
};

} // namespace ms::ui
