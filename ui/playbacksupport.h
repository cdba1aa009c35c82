#pragma once

#include <QString>
#include <QStringList>

namespace ms::ui {

// What this machine can play with, checked once before any QMediaPlayer
// exists: Qt Multimedia plays through GStreamer here, and a QMediaPlayer
// built without the GStreamer elements it links crashes at once
// (PLATFORM.md). The check loads the GStreamer library the Qt backend
// itself uses, asks its registry for those elements, and looks for an
// audio output; it never fails, it reports.
class PlaybackSupport
{
public:
    struct Status
    {
        bool gstreamer = false;   // every element the Qt backend needs is there
        QStringList missing;      // element names (or the library) that are not
        bool audioOutput = false; // an audio output device exists
    };

    // Computed on first use (after QApplication), then cached.
    static const Status &status();
    // The packages to install for playback with sound (Debian names).
    static QString installAdvice();
    // Elements the Qt 6 GStreamer backend links for playback.
    static QStringList requiredElements();

private:
    static Status probe();
};

} // namespace ms::ui
