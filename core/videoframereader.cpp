#include "core/videoframereader.h"

#include "core/error.h"
#include "core/ffmpegsupport.h"

#include <vector>

extern "C" {
#include <libswscale/swscale.h>
}

namespace ms::core {

VideoFrameReader::VideoFrameReader(QString path, int outWidth, int outHeight, int threads)
    : m_path(std::move(path)), m_width(outWidth), m_height(outHeight), m_threads(threads)
{
}

VideoFrameReader::Info VideoFrameReader::run(const Callback &onFrame, const std::atomic<bool> *cancel)
{
    ffmpeg::FormatPtr fmt = ffmpeg::open(m_path);
    const int stream = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream < 0)
        throw UserError(QStringLiteral("%1: no video stream to extract visual features from").arg(m_path));
    AVStream *st = fmt->streams[stream];
    ffmpeg::CodecPtr dec = ffmpeg::openDecoder(fmt.get(), stream, m_path, m_threads);

    Info info;
    info.sourceWidth = dec->width;
    info.sourceHeight = dec->height;
    const AVRational fr = st->avg_frame_rate.num ? st->avg_frame_rate : st->r_frame_rate;
    info.frameRate = fr.num && fr.den ? av_q2d(fr) : 25.0;
    if (fmt->duration > 0)
        info.durationMs = fmt->duration / (AV_TIME_BASE / 1000);

    struct SwsDeleter
    {
        void operator()(SwsContext *s) const { sws_freeContext(s); }
    };
    std::unique_ptr<SwsContext, SwsDeleter> sws;
    int swsW = 0, swsH = 0, swsFmt = -1;
    std::vector<unsigned char> rgb(size_t(m_width) * m_height * 3);

    auto deliver = [&](AVFrame *frame) {
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
    info.truncated = !ffmpeg::decodeAll(fmt.get(), dec.get(), stream, deliver, cancel);
    if (info.framesDecoded == 0)
        throw UserError(QStringLiteral("%1: no video frame could be decoded").arg(m_path));
    return info;
}

} // namespace ms::core
