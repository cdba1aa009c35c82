#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>
#include <optional>

namespace ms::ui {

// Horizontal bars, one labelled row each, over a fixed value range with a
// zero line, and optionally one marker line (a threshold) across all rows:
// the explanation panel's Shapley values, interaction terms and
// per-modality scores. A row without a value reads "not used" (a modality
// the model has no input for). Custom-painted so grabs and screenshots show
// it, and small enough to stack several in a dock.
class BarRowsWidget : public QWidget
{
    Q_OBJECT
public:
    struct Row
    {
        QString label;
        std::optional<double> value;
        QColor color;
        QString toolTip;
    };

    explicit BarRowsWidget(QWidget *parent = nullptr);

    // `minimum` < 0 draws bars from a zero line in the middle of the range.
    void setRange(double minimum, double maximum);
    double minimum() const { return m_min; }
    double maximum() const { return m_max; }
    void setMarker(std::optional<double> value, const QString &label = {});
    std::optional<double> marker() const { return m_marker; }
    void setRows(QList<Row> rows);
    const QList<Row> &rows() const { return m_rows; }
    // Where the bar of row `i` is drawn (empty without a value): for tests.
    QRect barRect(int i) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

private:
    int rowHeight() const;
    int labelWidth() const;
    QRect plotRect() const;
    int xFor(double v) const;

    double m_min = 0, m_max = 1;
    std::optional<double> m_marker;
    QString m_markerLabel;
    QList<Row> m_rows;
};

} // namespace ms::ui
