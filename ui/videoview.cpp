#include "ui/videoview.h"

#include <QPainter>

namespace ms::ui {

VideoView::VideoView(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void VideoView::setFrame(const QImage &frame)
{
    m_frame = frame;
    update(pictureRect());
}

void VideoView::clearFrame()
{
    m_frame = QImage();
    update();
}

void VideoView::setSubtitle(const QString &text)
{
    if (text == m_subtitle)
        return;
    m_subtitle = text;
    update();
}

void VideoView::setMessage(const QString &message)
{
    m_message = message;
    update();
}

int VideoView::subtitleBandHeight() const
{
    // Two lines of dialogue, so the picture does not jump when a cue starts.
    return fontMetrics().height() * 2 + 12;
}

QRect VideoView::pictureRect() const
{
    const QRect area(0, 0, width(), std::max(1, height() - subtitleBandHeight()));
    if (m_frame.isNull())
        return area;
    const QSize s = m_frame.size().scaled(area.size(), Qt::KeepAspectRatio);
    return QRect(area.left() + (area.width() - s.width()) / 2,
                 area.top() + (area.height() - s.height()) / 2, s.width(), s.height());
}

void VideoView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::black);
    const int band = subtitleBandHeight();
    if (!m_message.isEmpty()) {
        p.setPen(QColor(0xee, 0xee, 0xee));
        p.drawText(rect().adjusted(20, 20, -20, -band), Qt::AlignCenter | Qt::TextWordWrap,
                   m_message);
    } else if (!m_frame.isNull()) {
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(pictureRect(), m_frame);
    }
    const QRect sub(0, height() - band, width(), band);
    p.fillRect(sub, QColor(0x18, 0x18, 0x18));
    if (!m_subtitle.isEmpty()) {
        p.setPen(Qt::white);
        p.drawText(sub.adjusted(8, 2, -8, -2), Qt::AlignCenter | Qt::TextWordWrap, m_subtitle);
    }
}

} // namespace ms::ui
