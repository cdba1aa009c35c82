#include "ui/playbacksupport.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <dlfcn.h>

namespace ms::ui {

QStringList PlaybackSupport::requiredElements()
{
    // From the Qt 6.4 GStreamer media plugin: the player's decode bin and
    // stream selection, the video converter to the video sink, and the audio
    // chain to the system's sink.
    return {QStringLiteral("uridecodebin"), QStringLiteral("input-selector"),
            QStringLiteral("queue"),        QStringLiteral("identity"),
            QStringLiteral("videoconvert"), QStringLiteral("videoscale"),
            QStringLiteral("audioconvert"), QStringLiteral("audioresample"),
            QStringLiteral("volume"),       QStringLiteral("autoaudiosink")};
}

QString PlaybackSupport::installAdvice()
{
    return QStringLiteral("gstreamer1.0-plugins-base, gstreamer1.0-plugins-good, "
                          "gstreamer1.0-plugins-bad and gstreamer1.0-libav");
}

PlaybackSupport::Status PlaybackSupport::probe()
{
    Status s;
    // The library Qt's backend links; loading it again costs nothing.
    void *gst = dlopen("libgstreamer-1.0.so.0", RTLD_NOW | RTLD_GLOBAL);
    if (!gst) {
        s.missing.append(QStringLiteral("libgstreamer-1.0"));
        return s;
    }
    using InitCheck = int (*)(int *, char ***, void **);
    using FactoryFind = void *(*)(const char *);
    using Unref = void (*)(void *);
    const auto init = reinterpret_cast<InitCheck>(dlsym(gst, "gst_init_check"));
    const auto find = reinterpret_cast<FactoryFind>(dlsym(gst, "gst_element_factory_find"));
    const auto unref = reinterpret_cast<Unref>(dlsym(gst, "gst_object_unref"));
    if (!init || !find || !unref || !init(nullptr, nullptr, nullptr)) {
        s.missing.append(QStringLiteral("libgstreamer-1.0"));
        return s;
    }
    for (const QString &name : requiredElements()) {
        if (void *factory = find(name.toLatin1().constData()))
            unref(factory);
        else
            s.missing.append(name);
    }
    s.gstreamer = s.missing.isEmpty();
    // Asked only when the backend is whole: the device list goes through it.
    s.audioOutput = s.gstreamer && !QMediaDevices::audioOutputs().isEmpty();
    return s;
}

const PlaybackSupport::Status &PlaybackSupport::status()
{
    static const Status s = probe();
    return s;
}

} // namespace ms::ui
