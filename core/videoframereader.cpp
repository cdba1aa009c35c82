#include "core/videoframereader.h"

#include "core/error.h"

#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
}

namespace ms::core {

namespace {

QString averror(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

struct FormatDeleter
{
    void operator()(AVFormatContext *c) const { avformat_close_input(&c); }
};
struct CodecDeleter
{
    void operator()(AVCodecContext *c) const { avcodec_free_context(&c); }
};
struct FrameDeleter
{
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};
struct PacketDeleter
{
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct SwsDeleter
{
    void operator()(SwsContext *s) const { sws_freeContext(s); }
};

} // namespace

VideoFrameReader::VideoFrameReader(QString path, int outWidth, int outHeight, int threads)
    : m_path(std::move(path)), m_width(outWidth), m_height(outHeight), m_threads(threads)
{
}

VideoFrameReader::Info VideoFrameReader::run(const Callback &onFrame, const std::atomic<bool> *cancel)
{
    av_log_set_level(AV_LOG_FATAL);
    AVFormatContext *raw = nullptr;
    int rc = avformat_open_input(&raw, m_path.toUtf8().constData(), nullptr, nullptr);
    if (rc < 0)
        throw UserError(QStringLiteral("%1: FFmpeg cannot open it: %2").arg(m_path, averror(rc)));
    std::unique_ptr<AVFormatContext, FormatDeleter> fmt(raw);
    if ((rc = avformat_find_stream_info(fmt.get(), nullptr)) < 0)
        throw UserError(QStringLiteral("%1: FFmpeg cannot read its streams: %2").arg(m_path, averror(rc)));
    const AVCodec *codec = nullptr;
    const int stream = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (stream < 0 || !codec)
        throw UserError(QStringLiteral("%1: no video stream to extract visual features from").arg(m_path));
    AVStream *st = fmt->streams[stream];
    // Read only the video stream's packets.
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        if (int(i) != stream)
            fmt->streams[i]->discard = AVDISCARD_ALL;

    std::unique_ptr<AVCodecContext, CodecDeleter> dec(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(dec.get(), st->codecpar);
    dec->thread_count = m_threads;
    dec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if ((rc = avcodec_open2(dec.get(), codec, nullptr)) < 0)
        throw UserError(QStringLiteral("%1: cannot decode its %2 video: %3")
                            .arg(m_path, QString::fromUtf8(codec->name), averror(rc)));

    Info info;
    info.sourceWidth = dec->width;
    info.sourceHeight = dec->height;
    const AVRational fr = st->avg_frame_rate.num ? st->avg_frame_rate : st->r_frame_rate;
    info.frameRate = fr.num && fr.den ? av_q2d(fr) : 25.0;
    if (fmt->duration > 0)
        info.durationMs = fmt->duration / (AV_TIME_BASE / 1000);

    std::unique_ptr<AVFrame, FrameDeleter> frame(av_frame_alloc());
    std::unique_ptr<AVPacket, PacketDeleter> pkt(av_packet_alloc());
    std::unique_ptr<SwsContext, SwsDeleter> sws;
    int swsW = 0, swsH = 0, swsFmt = -1;
    std::vector<unsigned char> rgb(size_t(m_width) * m_height * 3);

    auto deliver = [&] {
        if (!sws || swsW != frame->width || swsH != frame->height || swsFmt != frame->format) {
            // Area averaging: a 20x reduction must not alias into noise.
            sws.reset(sws_getContext(frame->width, frame->height, AVPixelFormat(frame->format),
                                     m_width, m_height, AV_PIX_FMT_RGB24, SWS_AREA, nullptr,
                                     nullptr, nullptr));
            swsW = frame->width;
            swsH = frame->height;
            swsFmt = frame->format;
            if (!sws)
                throw UserError(QStringLiteral("%1: cannot convert its frames for analysis").arg(m_path));
        }
        uint8_t *dst[1] = {rgb.data()};
        const int dstStride[1] = {m_width * 3};
        sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
        Frame f;
        f.index = info.framesDecoded++;
        const int64_t pts = frame->best_effort_timestamp;
        f.ptsMs = pts == AV_NOPTS_VALUE
                      ? qint64(double(f.index) * 1000.0 / info.frameRate)
                      : av_rescale_q(pts - (st->start_time == AV_NOPTS_VALUE ? 0 : st->start_time),
                                     st->time_base, AVRational{1, 1000});
        f.width = m_width;
        f.height = m_height;
        f.rgb = rgb.data();
        onFrame(f);
    };
    auto drain = [&] {
        while (true) {
            const int r = avcodec_receive_frame(dec.get(), frame.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
                return;
            if (r < 0) {
                info.truncated = true;
                return;
            }
            deliver();
            av_frame_unref(frame.get());
        }
    };
    while (true) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return info;
        rc = av_read_frame(fmt.get(), pkt.get());
        if (rc == AVERROR_EOF)
            break;
        if (rc < 0) {
            info.truncated = true;
            break;
        }
        if (pkt->stream_index == stream) {
            if (avcodec_send_packet(dec.get(), pkt.get()) < 0)
                info.truncated = true;
            drain();
        }
        av_packet_unref(pkt.get());
    }
    avcodec_send_packet(dec.get(), nullptr);
    drain();
    if (info.framesDecoded == 0)
        throw UserError(QStringLiteral("%1: no video frame could be decoded").arg(m_path));
    return info;
}

} // namespace ms::core
