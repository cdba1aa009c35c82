#include "core/frameseeker.h"

#include "core/error.h"
#include "core/ffmpegsupport.h"

extern "C" {
#include <libswscale/swscale.h>
}

namespace ms::core {

namespace {

struct SwsDeleter
{
    void operator()(SwsContext *s) const { sws_freeContext(s); }
};

// Further ahead than this, seeking to the key frame before the target is
// cheaper than decoding every frame up to it.
constexpr qint64 kDecodeAheadMs = 2000;

} // namespace

struct FrameSeeker::Private
{
    QString path;
    int maxWidth = 1280;
    ffmpeg::FormatPtr fmt;
    ffmpeg::CodecPtr dec;
    int stream = -1;
    AVStream *st = nullptr;
    double fps = 25;
    qint64 duration = 0;
    ffmpeg::PacketPtr pkt{av_packet_alloc()};
    // Decoded, not yet converted: the frame after the one shown.
    ffmpeg::FramePtr pending{av_frame_alloc()};
    bool hasPending = false;
    ffmpeg::FramePtr scratch{av_frame_alloc()};
    bool inputDone = false, outputDone = false;
    std::unique_ptr<SwsContext, SwsDeleter> sws;
    int swsW = 0, swsH = 0, swsFmt = -1;
    Picture shown;
    int seeks = 0;

    qint64 ptsMs(const AVFrame *f) const
    {
        const int64_t pts = f->best_effort_timestamp;
        if (pts == AV_NOPTS_VALUE)
            return 0;
        const int64_t start = st->start_time == AV_NOPTS_VALUE ? 0 : st->start_time;
        return av_rescale_q(pts - start, st->time_base, AVRational{1, 1000});
    }

    // The next decoded frame into `out`; false at the end of the stream.
    bool decodeNext(AVFrame *out)
    {
        while (!outputDone) {
            const int r = avcodec_receive_frame(dec.get(), out);
            if (r == 0)
                return true;
            if (r == AVERROR_EOF) {
                outputDone = true;
                break;
            }
            if (r != AVERROR(EAGAIN))
                return false; // damaged data: no more pictures from here
            if (inputDone) {
                outputDone = true;
                break;
            }
            const int rc = av_read_frame(fmt.get(), pkt.get());
            if (rc < 0) {
                inputDone = true;
                avcodec_send_packet(dec.get(), nullptr);
                continue;
            }
            if (pkt->stream_index == stream)
                avcodec_send_packet(dec.get(), pkt.get());
            av_packet_unref(pkt.get());
        }
        return false;
    }

    void seekTo(qint64 ms)
    {
        ++seeks;
        const int64_t start = st->start_time == AV_NOPTS_VALUE ? 0 : st->start_time;
        const int64_t ts = av_rescale_q(ms, AVRational{1, 1000}, st->time_base) + start;
        av_seek_frame(fmt.get(), stream, ts, AVSEEK_FLAG_BACKWARD);
        avcodec_flush_buffers(dec.get());
        inputDone = outputDone = false;
        hasPending = false;
        av_frame_unref(pending.get());
        shown = Picture();
    }

    void convert(const AVFrame *f)
    {
        const int w = std::min(maxWidth, f->width) & ~1;
        const int h = std::max(2, int(qint64(f->height) * w / std::max(1, f->width)) & ~1);
        if (!sws || swsW != f->width || swsH != f->height || swsFmt != f->format ||
            shown.width != w || shown.height != h) {
            sws.reset(sws_getContext(f->width, f->height, AVPixelFormat(f->format), w, h,
                                     AV_PIX_FMT_RGB24, SWS_BILINEAR, nullptr, nullptr, nullptr));
            swsW = f->width;
            swsH = f->height;
            swsFmt = f->format;
        }
        shown.width = w;
        shown.height = h;
        shown.rgb.resize(size_t(w) * h * 3);
        if (!sws) {
            shown.ptsMs = -1;
            return;
        }
        uint8_t *dst[1] = {shown.rgb.data()};
        const int stride[1] = {w * 3};
        sws_scale(sws.get(), f->data, f->linesize, 0, f->height, dst, stride);
        shown.ptsMs = ptsMs(f);
    }
};

FrameSeeker::FrameSeeker(const QString &path, int maxWidth) : d(std::make_unique<Private>())
{
    d->path = path;
    d->maxWidth = std::max(16, maxWidth);
    d->fmt = ffmpeg::open(path);
    d->stream = av_find_best_stream(d->fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (d->stream < 0)
        throw UserError(QStringLiteral("%1: no video stream to show").arg(path));
    d->st = d->fmt->streams[d->stream];
    for (unsigned i = 0; i < d->fmt->nb_streams; ++i)
        if (int(i) != d->stream)
            d->fmt->streams[i]->discard = AVDISCARD_ALL;
    d->dec = ffmpeg::openDecoder(d->fmt.get(), d->stream, path, 2);
    const AVRational fr = d->st->avg_frame_rate.num ? d->st->avg_frame_rate : d->st->r_frame_rate;
    d->fps = fr.num && fr.den ? av_q2d(fr) : 25.0;
    if (d->fmt->duration > 0)
        d->duration = d->fmt->duration / (AV_TIME_BASE / 1000);
}

FrameSeeker::~FrameSeeker() = default;

double FrameSeeker::frameRate() const
{
    return d->fps;
}

qint64 FrameSeeker::durationMs() const
{
    return d->duration;
}

int FrameSeeker::seekCount() const
{
    return d->seeks;
}

const FrameSeeker::Picture &FrameSeeker::frameAt(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    Picture &shown = d->shown;
    const qint64 pendingMs = d->hasPending ? d->ptsMs(d->pending.get()) : -1;
    // Still the picture on screen.
    if (!shown.isNull() && ms >= shown.ptsMs && (!d->hasPending || ms < pendingMs))
        return shown;
    // At the end: the last picture stays.
    if (!shown.isNull() && ms >= shown.ptsMs && !d->hasPending && d->outputDone)
        return shown;
    const qint64 from = d->hasPending ? pendingMs : shown.ptsMs;
    if (shown.isNull() || ms < shown.ptsMs || ms > from + kDecodeAheadMs)
        d->seekTo(ms);

    // Walk forward: the last frame at or before `ms` is the one to show.
    ffmpeg::FramePtr candidate(av_frame_alloc());
    bool hasCandidate = false;
    while (true) {
        AVFrame *next = d->scratch.get();
        if (d->hasPending) {
            av_frame_move_ref(next, d->pending.get());
            d->hasPending = false;
        } else if (!d->decodeNext(next)) {
            break;
        }
        if (d->ptsMs(next) <= ms) {
            av_frame_unref(candidate.get());
            av_frame_move_ref(candidate.get(), next);
            hasCandidate = true;
            continue;
        }
        av_frame_move_ref(d->pending.get(), next);
        d->hasPending = true;
        break;
    }
    if (hasCandidate) {
        d->convert(candidate.get());
    } else if (shown.isNull() && d->hasPending) {
        // Before the first frame's time (or a seek that landed after the
        // target): the first frame there is what the screen shows.
        d->convert(d->pending.get());
        d->hasPending = false;
        av_frame_unref(d->pending.get());
    }
    return shown;
}

} // namespace ms::core
