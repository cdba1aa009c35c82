// Subtitle packets decoded from a media file's stream: libavcodec hands back
// ASS events ("ReadOrder,Layer,Style,...,Text") or plain text, which
// MediaSubtitleReader::assEventText and SubtitleParser::stripMarkup turn into
// what a viewer reads. Each markup flavour is run on the same text.
#include "core/mediasubtitlereader.h"
#include "core/subtitleparser.h"
#include "fuzz/fuzzsupport.h"

using ms::core::SubtitleParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms::fuzz::quiet();
    const QString text = QString::fromUtf8(ms::fuzz::bytes(data, size));
    ms::fuzz::guarded([&] {
        (void)ms::core::MediaSubtitleReader::assEventText(text);
        for (auto markup : {SubtitleParser::Markup::Srt, SubtitleParser::Markup::WebVtt,
                            SubtitleParser::Markup::Ass})
            (void)SubtitleParser::stripMarkup(text, markup);
    });
    return 0;
}
