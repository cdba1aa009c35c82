#pragma once

#include <QImage>
#include <QWidget>

namespace ms::ui {

// Paints the player's frames itself (from a QVideoSink), with the current
// subtitle in a band under the picture. A QVideoWidget would draw into a
// native surface that grabs and screenshots cannot see (PLATFORM.md).
// With a message set (missing media), the message replaces the picture.
class VideoView : public QWidget
{
    Q_OBJECT
public:
    explicit VideoView(QWidget *parent = nullptr);

    void setFrame(const QImage &frame);
    const QImage &frame() const { return m_frame; }
    void clearFrame();
    void setSubtitle(const QString &text);
    QString subtitle() const { return m_subtitle; }
    void setMessage(const QString &message);
    QString message() const { return m_message; }

    // Where the picture is drawn (letterboxed in the area above the subtitle band).
    QRect pictureRect() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    QSize sizeHint() const override { return {640, 400}; }
    QSize minimumSizeHint() const override { return {240, 160}; }

private:
    int subtitleBandHeight() const;

    QImage m_frame;
    QString m_subtitle;
    QString m_message;
};

} // namespace ms::ui
