#include "core/mediaprobe.h"

#include "core/error.h"
#include "core/ffmpegsupport.h"

#include <QFileInfo>
#include <QJsonArray>


namespace ms::core {

QList<MediaInfo::Stream> MediaInfo::streamsOf(const QString &type) const
{
    QList<Stream> out;
    for (const Stream &s : streams)
        if (s.type == type)
            out.append(s);
    return out;
}

QJsonObject MediaInfo::toJson() const
{
    QJsonArray arr;
    for (const Stream &s : streams) {
        QJsonObject o{{"index", s.index}, {"type", s.type}, {"codec", s.codec}};
        if (!s.language.isEmpty())
            o.insert("language", s.language);
        if (s.type == u"video") {
            o.insert("width", s.width);
            o.insert("height", s.height);
            o.insert("frame_rate", s.frameRate);
        } else if (s.type == u"audio") {
            o.insert("sample_rate", s.sampleRate);
            o.insert("channels", s.channels);
        }
        arr.append(o);
    }
    return {{"format", format}, {"duration_ms", durationMs}, {"streams", arr}};
}

MediaInfo MediaInfo::fromJson(const QJsonObject &o)
{
    MediaInfo m;
    m.format = o.value("format").toString();
    m.durationMs = o.value("duration_ms").toInteger();
    for (const auto &v : o.value("streams").toArray()) {
        const QJsonObject s = v.toObject();
        Stream st;
        st.index = s.value("index").toInt();
        st.type = s.value("type").toString();
        st.codec = s.value("codec").toString();
        st.language = s.value("language").toString();
        st.width = s.value("width").toInt();
        st.height = s.value("height").toInt();
        st.frameRate = s.value("frame_rate").toDouble();
        st.sampleRate = s.value("sample_rate").toInt();
        st.channels = s.value("channels").toInt();
        m.streams.append(st);
    }
    return m;
}

QString MediaInfo::describe() const
{
    QStringList parts;
    parts.append(QStringLiteral("%1, %2 s").arg(format).arg(double(durationMs) / 1000.0, 0, 'f', 1));
    for (const Stream &s : streams) {
        if (s.type == u"video")
            parts.append(QStringLiteral("video %1 %2x%3 %4 fps")
                             .arg(s.codec)
                             .arg(s.width)
                             .arg(s.height)
                             .arg(s.frameRate, 0, 'f', 3));
        else if (s.type == u"audio")
            parts.append(QStringLiteral("audio %1 %2 Hz %3 ch%4")
                             .arg(s.codec)
                             .arg(s.sampleRate)
                             .arg(s.channels)
                             .arg(s.language.isEmpty() ? QString() : u' ' + s.language));
        else
            parts.append(QStringLiteral("%1 %2%3").arg(s.type, s.codec,
                                                      s.language.isEmpty() ? QString() : u' ' + s.language));
    }
    return parts.join(QStringLiteral("; "));
}

MediaInfo MediaProbe::probe(const QString &path)
{
    if (!QFileInfo::exists(path))
        throw UserError(QStringLiteral("%1: no such file").arg(path));
    const ffmpeg::FormatPtr fmt = ffmpeg::open(path);
    const AVFormatContext *ctx = fmt.get();
    MediaInfo info;
    info.path = path;
    info.format = QString::fromUtf8(ctx->iformat->name);
    if (ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0)
        info.durationMs = ctx->duration / (AV_TIME_BASE / 1000);
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVStream *st = ctx->streams[i];
        const AVCodecParameters *par = st->codecpar;
        MediaInfo::Stream s;
        s.index = int(i);
        s.codec = QString::fromUtf8(avcodec_get_name(par->codec_id));
        if (const AVDictionaryEntry *lang = av_dict_get(st->metadata, "language", nullptr, 0))
            s.language = QString::fromUtf8(lang->value);
        switch (par->codec_type) {
        case AVMEDIA_TYPE_VIDEO:
            if (st->disposition & AV_DISPOSITION_ATTACHED_PIC)
                continue; // cover art, not the film
            s.type = QStringLiteral("video");
            s.width = par->width;
            s.height = par->height;
            if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
                s.frameRate = av_q2d(st->avg_frame_rate);
            else if (st->r_frame_rate.num > 0 && st->r_frame_rate.den > 0)
                s.frameRate = av_q2d(st->r_frame_rate);
            break;
        case AVMEDIA_TYPE_AUDIO:
            s.type = QStringLiteral("audio");
            s.sampleRate = par->sample_rate;
            s.channels = par->ch_layout.nb_channels;
            break;
        case AVMEDIA_TYPE_SUBTITLE:
            s.type = QStringLiteral("subtitle");
            break;
        default:
            continue;
        }
        info.streams.append(s);
    }
    if (info.streamsOf(QStringLiteral("video")).isEmpty() &&
        info.streamsOf(QStringLiteral("audio")).isEmpty())
        throw UserError(QStringLiteral("%1: FFmpeg finds no video or audio stream in it (format %2)")
                            .arg(path, info.format));
    return info;
}

} // namespace ms::core
