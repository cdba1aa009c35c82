// SRT and WebVTT files: SubtitleParser::parse as the CLI, the import and the
// window call it. The first byte picks the format (auto, SRT, WebVTT) and the
// file name, so one corpus reaches both grammars and the content sniffing.
#include "core/subtitleparser.h"
#include "fuzz/fuzzsupport.h"

using ms::core::SubtitleParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    if (size < 1)
        return 0;
    const QByteArray bytes = ms::fuzz::bytes(data + 1, size - 1);
    const auto format = SubtitleParser::Format(data[0] % 3);
    const QString name = data[0] & 0x80 ? QStringLiteral("fuzz.vtt") : QStringLiteral("fuzz.srt");
    ms::fuzz::guarded([&] {
        const auto doc = SubtitleParser::parse(bytes, name, {}, format);
        for (const auto &cue : doc.cues)
            if (cue.endMs < cue.startMs)
                std::abort(); // the parser promises to skip such cues
    });
    return 0;
}
