#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ms::core {

// The subtitles a film brings with it, found without asking: sidecar files
// beside it with its base name (film.srt, film.vtt, film.en.srt,
// film.pt-BR.forced.vtt, any case) and the text subtitle streams inside it.
// What comes first is what to offer first: a sidecar without a language tag
// (the one the user put there for this film), then the tagged ones by
// language, then the streams in container order. Image-based streams (DVD,
// PGS) are left out: they would need OCR (MediaSubtitleReader says so when
// one is asked for).
class SubtitleSidecarFinder
{
public:
    struct Candidate
    {
        enum class Kind { Sidecar, Stream };
        Kind kind = Kind::Sidecar;
        QString path;         // the sidecar file; for a stream, the film itself
        int streamIndex = -1; // a stream's index in the container; -1 for a sidecar
        QString language;     // "en", "pt-BR", "fra"; empty when not said
        QStringList flags;    // the other name tags ("forced", "sdh"); a stream's title
        QString format;       // "srt", "vtt"; a stream's codec ("subrip", "mov_text")

        // For people, in a choice: "film.en.srt (en)", "stream 2: subrip, fra".
        QString label() const;
    };

    // Sidecars, then streams; UserError naming the film when FFmpeg cannot open it.
    static QList<Candidate> find(const QString &filmPath);
    // The sidecar files beside `filmPath`, sorted as above (no media access).
    static QList<Candidate> sidecars(const QString &filmPath);
    // The text subtitle streams of `filmPath`, in container order.
    static QList<Candidate> streams(const QString &filmPath);
};

} // namespace ms::core
