#include "core/mediasubtitlereader.h"

#include "core/error.h"
#include "core/ffmpegsupport.h"
#include "core/subtitleparser.h"

#include <QFileInfo>
#include <QStringList>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

#include <memory>

namespace ms::core {

namespace {

using ffmpeg::CodecFreer;
using ffmpeg::FormatPtr;
using ffmpeg::PacketFreer;

FormatPtr open(const QString &path)
{
    if (!QFileInfo::exists(path))
        throw UserError(QStringLiteral("%1: no such file").arg(path));
    return ffmpeg::open(path);
}

QString metadata(const AVStream *st, const char *key)
{
    const AVDictionaryEntry *e = av_dict_get(st->metadata, key, nullptr, 0);
    return e ? QString::fromUtf8(e->value) : QString();
}

QList<MediaSubtitleReader::Stream> listStreams(const AVFormatContext *ctx)
{
    QList<MediaSubtitleReader::Stream> out;
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVStream *st = ctx->streams[i];
        if (st->codecpar->codec_type != AVMEDIA_TYPE_SUBTITLE)
            continue;
        MediaSubtitleReader::Stream s;
        s.index = int(i);
        s.codec = QString::fromUtf8(avcodec_get_name(st->codecpar->codec_id));
        s.language = metadata(st, "language");
        s.title = metadata(st, "title");
        const AVCodecDescriptor *d = avcodec_descriptor_get(st->codecpar->codec_id);
        s.textBased = d && (d->props & AV_CODEC_PROP_TEXT_SUB);
        out.append(s);
    }
    return out;
}

QString describe(const QList<MediaSubtitleReader::Stream> &streams)
{
    QStringList parts;
    for (const auto &s : streams)
        parts.append(QStringLiteral("%1 (%2%3)")
                         .arg(s.index)
                         .arg(s.codec, s.language.isEmpty() ? QString()
                                                            : QStringLiteral(", ") + s.language));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString MediaSubtitleReader::assEventText(const QString &event)
{
    // A full "Dialogue: Layer,Start,End,Style,Name,MarginL,MarginR,MarginV,
    // Effect,Text" line has 9 fields before the text; what libavcodec decodes
    // ("ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text") has 8.
    // The text itself may hold commas, so only the leading fields are split off.
    QStringView rest(event);
    int fields = 8;
    if (rest.startsWith(u"Dialogue:")) {
        rest = rest.mid(9);
        fields = 9;
    }
    for (int k = 0; k < fields; ++k) {
        const qsizetype comma = rest.indexOf(u',');
        if (comma < 0)
            return SubtitleParser::stripMarkup(rest.toString(), SubtitleParser::Markup::Ass);
        rest = rest.mid(comma + 1);
    }
    return SubtitleParser::stripMarkup(rest.toString(), SubtitleParser::Markup::Ass);
}

QList<MediaSubtitleReader::Stream> MediaSubtitleReader::subtitleStreams(const QString &path)
{
    return listStreams(open(path).get());
}

SubtitleDocument MediaSubtitleReader::read(const QString &path, int streamIndex)
{
    FormatPtr ctx = open(path);
    const auto streams = listStreams(ctx.get());
    if (streams.isEmpty())
        throw UserError(QStringLiteral("%1: has no subtitle stream").arg(path));
    const Stream *chosen = nullptr;
    for (const Stream &s : streams)
        if (streamIndex < 0 ? s.textBased : s.index == streamIndex) {
            chosen = &s;
            break;
        }
    if (!chosen && streamIndex < 0)
        throw UserError(QStringLiteral("%1: its subtitle streams are all images (%2), which would "
                                       "need OCR; give the subtitles as an SRT or WebVTT file")
                            .arg(path, describe(streams)));
    if (!chosen)
        throw UserError(QStringLiteral("%1: stream %2 is not a subtitle stream; its subtitle "
                                       "streams are %3")
                            .arg(path)
                            .arg(streamIndex)
                            .arg(describe(streams)));
    if (!chosen->textBased)
        throw UserError(QStringLiteral("%1: subtitle stream %2 (%3) is made of images, which "
                                       "would need OCR; choose a text stream or give an SRT file")
                            .arg(path)
                            .arg(chosen->index)
                            .arg(chosen->codec));

    AVStream *st = ctx->streams[chosen->index];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec)
        throw UserError(QStringLiteral("%1: this FFmpeg has no decoder for subtitle stream %2 (%3)")
                            .arg(path)
                            .arg(chosen->index)
                            .arg(chosen->codec));
    std::unique_ptr<AVCodecContext, CodecFreer> dec(avcodec_alloc_context3(codec));
    if (!dec || avcodec_parameters_to_context(dec.get(), st->codecpar) < 0)
        throw UserError(QStringLiteral("%1: cannot set up the decoder for subtitle stream %2")
                            .arg(path)
                            .arg(chosen->index));
    dec->pkt_timebase = st->time_base;
    int rc = avcodec_open2(dec.get(), codec, nullptr);
    if (rc < 0)
        throw UserError(QStringLiteral("%1: cannot open the decoder for subtitle stream %2: %3")
                            .arg(path)
                            .arg(chosen->index)
                            .arg(ffmpeg::errorText(rc)));
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        ctx->streams[i]->discard = int(i) == chosen->index ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

    SubtitleDocument doc;
    doc.path = path;
    doc.format = chosen->codec;
    doc.encoding = QStringLiteral("UTF-8"); // libavcodec hands text subtitles back in UTF-8
    // Cues whose end the container does not give last until the next one
    // starts, as players show them.
    QList<bool> openEnded;
    std::unique_ptr<AVPacket, PacketFreer> pkt(av_packet_alloc());
    const AVRational ms{1, 1000};
    while ((rc = av_read_frame(ctx.get(), pkt.get())) >= 0) {
        if (pkt->stream_index != chosen->index) {
            av_packet_unref(pkt.get());
            continue;
        }
        const int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
        const qint64 packetMs = ts == AV_NOPTS_VALUE ? 0 : av_rescale_q(ts, st->time_base, ms);
        const qint64 durationMs =
            pkt->duration > 0 ? av_rescale_q(pkt->duration, st->time_base, ms) : 0;
        AVSubtitle sub{};
        int got = 0;
        rc = avcodec_decode_subtitle2(dec.get(), &sub, &got, pkt.get());
        av_packet_unref(pkt.get());
        if (rc < 0) {
            doc.problems.append({0, QStringLiteral("the subtitle at %1 ms cannot be decoded (%2); "
                                                   "skipped")
                                        .arg(packetMs)
                                        .arg(ffmpeg::errorText(rc))});
            continue;
        }
        if (!got)
            continue;
        QStringList raw, text;
        for (unsigned r = 0; r < sub.num_rects; ++r) {
            const AVSubtitleRect *rect = sub.rects[r];
            if (rect->type == SUBTITLE_ASS && rect->ass) {
                raw.append(QString::fromUtf8(rect->ass));
                text.append(assEventText(raw.last()));
            } else if (rect->type == SUBTITLE_TEXT && rect->text) {
                raw.append(QString::fromUtf8(rect->text));
                text.append(SubtitleParser::stripMarkup(raw.last()));
            }
        }
        const qint64 start = packetMs + sub.start_display_time;
        qint64 end = start;
        bool unknownEnd = false;
        if (durationMs > 0)
            end = packetMs + durationMs;
        else if (sub.end_display_time > sub.start_display_time &&
                 sub.end_display_time != UINT32_MAX)
            end = packetMs + sub.end_display_time;
        else
            unknownEnd = true;
        avsubtitle_free(&sub);
        text.removeAll(QString());
        if (raw.isEmpty())
            continue; // an empty packet only clears the screen
        SubtitleCue cue;
        cue.startMs = start;
        cue.endMs = end;
        cue.rawText = raw.join(u'\n');
        cue.text = text.join(u'\n');
        doc.cues.append(cue);
        openEnded.append(unknownEnd);
    }
    if (rc != AVERROR_EOF)
        doc.problems.append({0, QStringLiteral("reading stopped early: %1").arg(ffmpeg::errorText(rc))});
    for (qsizetype k = 0; k < doc.cues.size(); ++k)
        if (openEnded.at(k) && k + 1 < doc.cues.size())
            doc.cues[k].endMs = std::max(doc.cues[k].startMs, doc.cues[k + 1].startMs);
    doc.sortCues();
    if (doc.cues.isEmpty())
        throw UserError(QStringLiteral("%1: subtitle stream %2 (%3) holds no cue")
                            .arg(path)
                            .arg(chosen->index)
                            .arg(chosen->codec));
    return doc;
}

} // namespace ms::core
