#include "ui/barrowswidget.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace ms::ui {

BarRowsWidget::BarRowsWidget(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BarRowsWidget::setRange(double minimum, double maximum)
{
    m_min = minimum;
    m_max = maximum > minimum ? maximum : minimum + 1;
    update();
}

void BarRowsWidget::setMarker(std::optional<double> value, const QString &label)
{
    m_marker = value;
    m_markerLabel = label;
    update();
}

void BarRowsWidget::setRows(QList<Row> rows)
{
    m_rows = std::move(rows);
    updateGeometry();
    update();
}

int BarRowsWidget::rowHeight() const
{
    return fontMetrics().height() + 6;
}

int BarRowsWidget::labelWidth() const
{
    int w = 0;
    for (const Row &r : m_rows)
        w = std::max(w, fontMetrics().horizontalAdvance(r.label));
    return w + 8;
}

QSize BarRowsWidget::sizeHint() const
{
    return {260, int(m_rows.size()) * rowHeight() + fontMetrics().height() + 6};
}

QSize BarRowsWidget::minimumSizeHint() const
{
    return {160, sizeHint().height()};
}

QRect BarRowsWidget::plotRect() const
{
    const int valueWidth = fontMetrics().horizontalAdvance(QStringLiteral("-0.000")) + 8;
    return QRect(labelWidth(), 2, std::max(20, width() - labelWidth() - valueWidth),
                 int(m_rows.size()) * rowHeight());
}

int BarRowsWidget::xFor(double v) const
{
    const QRect p = plotRect();
    const double f = (std::clamp(v, m_min, m_max) - m_min) / (m_max - m_min);
    return p.left() + int(std::lround(f * p.width()));
}

QRect BarRowsWidget::barRect(int i) const
{
    if (i < 0 || i >= m_rows.size() || !m_rows[i].value)
        return {};
    const int top = plotRect().top() + i * rowHeight() + 3;
    const int zero = xFor(std::max(0.0, m_min));
    const int x = xFor(*m_rows[i].value);
    return QRect(QPoint(std::min(zero, x), top),
                 QPoint(std::max(zero, x) - (x == zero ? 0 : 1), top + rowHeight() - 7));
}

void BarRowsWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect plot = plotRect();
    const int rh = rowHeight();
    p.fillRect(plot, palette().color(QPalette::Base));
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows[i];
        const QRect row(0, plot.top() + i * rh, width(), rh);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, row.top(), labelWidth() - 6, rh), Qt::AlignVCenter | Qt::AlignRight,
                   r.label);
        if (!r.value) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(QRect(plot.left() + 4, row.top(), plot.width(), rh), Qt::AlignVCenter,
                       tr("not used by this model"));
            continue;
        }
        p.fillRect(barRect(i), r.color);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(plot.right() + 6, row.top(), width() - plot.right() - 6, rh),
                   Qt::AlignVCenter | Qt::AlignLeft, QString::number(*r.value, 'f', 3));
    }
    p.setPen(QColor(0x80, 0x80, 0x80));
    if (m_min < 0) {
        const int zero = xFor(0);
        p.drawLine(zero, plot.top(), zero, plot.bottom());
    }
    p.drawRect(plot.adjusted(0, 0, -1, -1));
    // Range under the plot.
    const int y = plot.bottom() + 2;
    const QRect under(plot.left(), y, plot.width(), fontMetrics().height());
    // The range's ends under the plot, unless the marker's label is there.
    QRect markerText;
    if (m_marker && !m_markerLabel.isEmpty()) {
        const int w = fontMetrics().horizontalAdvance(m_markerLabel) + 4;
        const int x = std::clamp(xFor(*m_marker) - w / 2, plot.left(), plot.right() - w);
        markerText = QRect(x, y, w, fontMetrics().height());
    }
    p.setPen(palette().color(QPalette::PlaceholderText));
    for (const auto &[value, align] : {std::pair{m_min, Qt::AlignLeft}, std::pair{m_max, Qt::AlignRight}}) {
        const QString text = QString::number(value, 'g', 3);
        const int w = fontMetrics().horizontalAdvance(text);
        const QRect box = align == Qt::AlignLeft ? QRect(under.left(), y, w, under.height())
                                                 : QRect(under.right() - w, y, w, under.height());
        if (!box.intersects(markerText))
            p.drawText(box, align | Qt::AlignTop, text);
    }
    if (m_marker) {
        const int x = xFor(*m_marker);
        p.setPen(QPen(QColor(0xd0, 0x10, 0x10), 1, Qt::DashLine));
        p.drawLine(x, plot.top(), x, plot.bottom());
        if (!markerText.isNull())
            p.drawText(markerText, Qt::AlignHCenter | Qt::AlignTop, m_markerLabel);
    }
}

bool BarRowsWidget::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int i = (help->pos().y() - plotRect().top()) / rowHeight();
        if (i >= 0 && i < m_rows.size() && help->pos().y() >= plotRect().top()
            && !m_rows[i].toolTip.isEmpty())
            QToolTip::showText(help->globalPos(), m_rows[i].toolTip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

} // namespace ms::ui
