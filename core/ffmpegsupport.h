#pragma once

#include <QString>
#include <atomic>
#include <functional>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

// Plumbing shared by the FFmpeg readers of core/ (probe, video frames, audio
// samples, subtitle streams): owning pointers, error text, opening a file
// with a message that names it, and the send/receive decode loop.
namespace ms::core::ffmpeg {

struct FormatCloser
{
    void operator()(AVFormatContext *c) const { avformat_close_input(&c); }
};
struct CodecFreer
{
    void operator()(AVCodecContext *c) const { avcodec_free_context(&c); }
};
struct FrameFreer
{
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};
struct PacketFreer
{
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;

QString errorText(int err);
// Opens and reads the stream info; UserError "<path>: FFmpeg cannot open it:
// <reason>" otherwise. Quiets FFmpeg's own log, whose lines would repeat it.
FormatPtr open(const QString &path);
// Opens a decoder for stream `index` with `threads` threads (0: FFmpeg's
// choice); UserError naming the file when there is none or it fails.
CodecPtr openDecoder(AVFormatContext *fmt, int index, const QString &path, int threads = 1);
// Reads every packet of stream `index` (other streams are discarded), feeds
// the decoder and hands each frame to `onFrame`; stops early when `cancel`
// becomes true. Returns false when damaged data stopped decoding early.
bool decodeAll(AVFormatContext *fmt, AVCodecContext *dec, int index,
               const std::function<void(AVFrame *)> &onFrame, const std::atomic<bool> *cancel);

} // namespace ms::core::ffmpeg
