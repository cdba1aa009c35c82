#include "core/audiostreamreader.h"

#include "core/error.h"
#include "core/ffmpegsupport.h"

#include <QStringList>
#include <memory>
#include <vector>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

namespace ms::core {

namespace {
struct SwrFreer
{
    void operator()(SwrContext *s) const { swr_free(&s); }
};
} // namespace

AudioStreamReader::AudioStreamReader(QString path, int stream, int targetRate)
    : m_path(std::move(path)), m_stream(stream), m_targetRate(targetRate)
{
}

AudioStreamReader::Info AudioStreamReader::run(const Callback &onSamples, const std::atomic<bool> *cancel)
{
    ffmpeg::FormatPtr fmt = ffmpeg::open(m_path);
    QList<int> audio;
    QStringList described;
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) {
            audio.append(int(i));
            described.append(QStringLiteral("%1: %2").arg(audio.size() - 1).arg(
                QString::fromUtf8(avcodec_get_name(fmt->streams[i]->codecpar->codec_id))));
        }
    if (audio.isEmpty())
        throw UserError(QStringLiteral("%1: the file has no audio stream").arg(m_path));
    if (m_stream < 0 || m_stream >= audio.size())
        throw UserError(QStringLiteral("%1: no audio stream %2; it has %3 (%4)")
                            .arg(m_path)
                            .arg(m_stream)
                            .arg(audio.size())
                            .arg(described.join(QStringLiteral(", "))));
    const int index = audio[m_stream];
    AVStream *st = fmt->streams[index];
    ffmpeg::CodecPtr dec = ffmpeg::openDecoder(fmt.get(), index, m_path);

    Info &info = m_info;
    info = Info();
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        info.durationMs = av_rescale_q(st->duration, st->time_base, AVRational{1, 1000});
    else if (fmt->duration > 0)
        info.durationMs = fmt->duration / (AV_TIME_BASE / 1000);
    info.sourceRate = dec->sample_rate;
    info.channels = dec->ch_layout.nb_channels;
    info.sampleRate = m_targetRate > 0 ? m_targetRate : dec->sample_rate;
    const int channels = std::max(1, info.channels);

    // swr converts to planar float at the output rate keeping every channel;
    // the mean of the channels is taken here, because swr's own downmix
    // weights channels (centre, surround) rather than averaging them.
    std::unique_ptr<SwrContext, SwrFreer> swr;
    {
        SwrContext *s = nullptr;
        AVChannelLayout layout = dec->ch_layout;
        if (layout.order == AV_CHANNEL_ORDER_UNSPEC)
            av_channel_layout_default(&layout, channels);
        const int rc = swr_alloc_set_opts2(&s, &layout, AV_SAMPLE_FMT_FLTP, info.sampleRate, &layout,
                                 dec->sample_fmt, dec->sample_rate, 0, nullptr);
        if (rc < 0 || swr_init(s) < 0) {
            swr_free(&s);
            throw UserError(QStringLiteral("%1: cannot convert its audio for analysis").arg(m_path));
        }
        swr.reset(s);
    }
    std::vector<std::vector<float>> planes(static_cast<size_t>(channels));
    std::vector<float> mono;
    auto deliver = [&](const uint8_t **in, int inCount) {
        const int cap = swr_get_out_samples(swr.get(), inCount);
        if (cap <= 0)
            return;
        std::vector<uint8_t *> out(static_cast<size_t>(channels));
        for (int c = 0; c < channels; ++c) {
            planes[size_t(c)].resize(size_t(cap));
            out[size_t(c)] = reinterpret_cast<uint8_t *>(planes[size_t(c)].data());
        }
        const int n = swr_convert(swr.get(), out.data(), cap, in, inCount);
        if (n <= 0)
            return;
        mono.assign(size_t(n), 0.f);
        const float scale = 1.0f / float(channels);
        for (int c = 0; c < channels; ++c) {
            const float *p = planes[size_t(c)].data();
            for (int i = 0; i < n; ++i)
                mono[size_t(i)] += p[i];
        }
        for (float &v : mono)
            v *= scale;
        info.samples += n;
        onSamples(mono.data(), n);
    };
    // Float audio at its own rate (AAC, Opus, Vorbis decode to planar float)
    // needs no conversion: average the channels straight from the frame.
    const bool direct = info.sampleRate == dec->sample_rate &&
                        (dec->sample_fmt == AV_SAMPLE_FMT_FLTP || dec->sample_fmt == AV_SAMPLE_FMT_FLT);
    auto averageDirect = [&](const AVFrame *frame) {
        const int n = frame->nb_samples;
        const int ch = frame->ch_layout.nb_channels > 0 ? frame->ch_layout.nb_channels : channels;
        mono.assign(size_t(n), 0.f);
        if (frame->format == AV_SAMPLE_FMT_FLTP) {
            for (int c = 0; c < ch; ++c) {
                const float *p = reinterpret_cast<const float *>(frame->extended_data[c]);
                for (int i = 0; i < n; ++i)
                    mono[size_t(i)] += p[i];
            }
        } else {
            const float *p = reinterpret_cast<const float *>(frame->data[0]);
            for (int i = 0; i < n; ++i)
                for (int c = 0; c < ch; ++c)
                    mono[size_t(i)] += p[i * ch + c];
        }
        const float scale = 1.0f / float(ch);
        for (float &v : mono)
            v *= scale;
        info.samples += n;
        onSamples(mono.data(), n);
    };
    info.truncated = !ffmpeg::decodeAll(
        fmt.get(), dec.get(), index,
        [&](AVFrame *frame) {
            if (direct && (frame->format == AV_SAMPLE_FMT_FLTP || frame->format == AV_SAMPLE_FMT_FLT))
                averageDirect(frame);
            else
                deliver(const_cast<const uint8_t **>(frame->extended_data), frame->nb_samples);
        },
        cancel);
    if (cancel && cancel->load())
        return info;
    deliver(nullptr, 0); // flush the resampler's delay
    if (info.samples == 0)
        throw UserError(QStringLiteral("%1: no audio could be decoded").arg(m_path));
    return info;
}

} // namespace ms::core
