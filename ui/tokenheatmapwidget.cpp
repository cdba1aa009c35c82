#include "ui/tokenheatmapwidget.h"

#include "ui/modalitypalette.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace ms::ui {

namespace {

constexpr int kRowHeight = 18;

QColor shade(core::Modality m, float v)
{
    const QColor base = ModalityPalette::color(m);
    const float a = std::clamp(v, 0.0f, 1.0f);
    auto mix = [a](int c) { return int(255 + (c - 255) * a); };
    return QColor(mix(base.red()), mix(base.green()), mix(base.blue()));
}

} // namespace

TokenHeatmapWidget::TokenHeatmapWidget(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize TokenHeatmapWidget::sizeHint() const
{
    return {260, 3 * kRowHeight + fontMetrics().height() + 6};
}

void TokenHeatmapWidget::setTokens(qint64 startMs, qint64 endMs,
                                   std::array<QList<TimelineOverlay::HeatSpan>, 3> tokens,
                                   core::ModalitySet used)
{
    m_start = startMs;
    m_end = std::max(endMs, startMs + 1);
    m_tokens = std::move(tokens);
    m_used = used;
    update();
}

void TokenHeatmapWidget::clear()
{
    setTokens(0, 1, {}, {});
}

int TokenHeatmapWidget::tokenCount() const
{
    return int(m_tokens[0].size() + m_tokens[1].size() + m_tokens[2].size());
}

int TokenHeatmapWidget::labelWidth() const
{
    return fontMetrics().horizontalAdvance(QStringLiteral("Text")) + 14;
}

QRect TokenHeatmapWidget::rowRect(core::Modality m) const
{
    return QRect(labelWidth(), 2 + int(m) * kRowHeight, std::max(10, width() - labelWidth() - 4),
                 kRowHeight - 2);
}

void TokenHeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const double span = double(m_end - m_start);
    for (core::Modality m : core::kAllModalities) {
        const QRect r = rowRect(m);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, r.top(), labelWidth() - 4, r.height()),
                   Qt::AlignVCenter | Qt::AlignRight, core::modalityLetter(m));
        p.fillRect(r, palette().color(QPalette::Base));
        if (!m_used.contains(m)) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.drawText(r.adjusted(4, 0, 0, 0), Qt::AlignVCenter, tr("not used by this model"));
            continue;
        }
        for (const TimelineOverlay::HeatSpan &t : m_tokens[size_t(m)]) {
            const int x0 = r.left() + int(std::floor((t.startMs - m_start) / span * r.width()));
            const int x1 = r.left() + int(std::ceil((t.endMs - m_start) / span * r.width()));
            const QRect cell =
                QRect(QPoint(std::max(r.left(), x0), r.top()),
                      QPoint(std::min(r.right(), std::max(x0 + 1, x1) - 1), r.bottom()));
            p.fillRect(cell, shade(m, t.value));
        }
        p.setPen(QColor(0xc0, 0xc0, 0xc0));
        p.drawRect(r.adjusted(0, 0, -1, -1));
    }
    const QRect under(rowRect(core::Modality::Visual).left(), 3 * kRowHeight + 2,
                      rowRect(core::Modality::Visual).width(), fontMetrics().height());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(under, Qt::AlignLeft, tr("clip start"));
    p.drawText(under, Qt::AlignRight, tr("%1 s").arg(span / 1000.0, 0, 'f', 1));
}

bool TokenHeatmapWidget::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        QString text;
        for (core::Modality m : core::kAllModalities) {
            const QRect r = rowRect(m);
            if (!r.contains(help->pos()))
                continue;
            const double ms =
                m_start + double(help->pos().x() - r.left()) / r.width() * (m_end - m_start);
            for (const TimelineOverlay::HeatSpan &t : m_tokens[size_t(m)])
                if (t.startMs <= ms && ms <= t.endMs)
                    text = tr("%1 token %2\u2013%3 s: relevance %4 of the clip's highest")
                               .arg(core::modalityName(m))
                               .arg(t.startMs / 1000.0, 0, 'f', 1)
                               .arg(t.endMs / 1000.0, 0, 'f', 1)
                               .arg(t.value, 0, 'f', 2);
        }
        // An empty text hides the tooltip.
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

} // namespace ms::ui
