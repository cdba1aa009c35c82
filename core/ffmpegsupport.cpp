#include "core/ffmpegsupport.h"

#include "core/error.h"

namespace ms::core::ffmpeg {

QString errorText(int err)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(err, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

FormatPtr open(const QString &path)
{
    av_log_set_level(AV_LOG_FATAL);
    AVFormatContext *raw = nullptr;
    int rc = avformat_open_input(&raw, path.toUtf8().constData(), nullptr, nullptr);
    if (rc < 0)
        throw UserError(QStringLiteral("%1: FFmpeg cannot open it: %2").arg(path, errorText(rc)));
    FormatPtr fmt(raw);
    if ((rc = avformat_find_stream_info(fmt.get(), nullptr)) < 0)
        throw UserError(QStringLiteral("%1: FFmpeg cannot read its streams: %2").arg(path, errorText(rc)));
    return fmt;
}

CodecPtr openDecoder(AVFormatContext *fmt, int index, const QString &path, int threads)
{
    const AVCodecParameters *par = fmt->streams[index]->codecpar;
    const AVCodec *codec = avcodec_find_decoder(par->codec_id);
    if (!codec)
        throw UserError(QStringLiteral("%1: no decoder for its %2 stream")
                            .arg(path, QString::fromUtf8(avcodec_get_name(par->codec_id))));
    CodecPtr dec(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(dec.get(), par);
    dec->thread_count = threads;
    if (par->codec_type == AVMEDIA_TYPE_VIDEO)
        dec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (const int rc = avcodec_open2(dec.get(), codec, nullptr); rc < 0)
        throw UserError(QStringLiteral("%1: cannot decode its %2 stream: %3")
                            .arg(path, QString::fromUtf8(codec->name), errorText(rc)));
    return dec;
}

bool decodeAll(AVFormatContext *fmt, AVCodecContext *dec, int index,
               const std::function<void(AVFrame *)> &onFrame, const std::atomic<bool> *cancel)
{
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        if (int(i) != index)
            fmt->streams[i]->discard = AVDISCARD_ALL;
    FramePtr frame(av_frame_alloc());
    PacketPtr pkt(av_packet_alloc());
    bool intact = true;
    auto drain = [&] {
        while (true) {
            const int r = avcodec_receive_frame(dec, frame.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
                return;
            if (r < 0) {
                intact = false;
                return;
            }
            onFrame(frame.get());
            av_frame_unref(frame.get());
        }
    };
    while (true) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return intact;
        const int rc = av_read_frame(fmt, pkt.get());
        if (rc == AVERROR_EOF)
            break;
        if (rc < 0) {
            intact = false;
            break;
        }
        if (pkt->stream_index == index) {
            if (avcodec_send_packet(dec, pkt.get()) < 0)
                intact = false;
            drain();
        }
        av_packet_unref(pkt.get());
    }
    avcodec_send_packet(dec, nullptr);
    drain();
    return intact;
}

} // namespace ms::core::ffmpeg
