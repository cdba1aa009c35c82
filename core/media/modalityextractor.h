#pragma once

#include "core/extractorinfo.h"
#include "core/featurematrix.h"
#include "core/media/filmtokens.h"
#include "core/modality.h"

#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace ms::core {

class TokenEncoder;

// The per-modality part of feature extraction: read a whole film once into a
// token sequence, then cut each clip's tokens out of it. Everything else
// (which clips are stale, transactions, storing) is the same for every
// modality and lives with the storage (db::FeatureExtractionService), so a
// new modality or extractor is one subclass here.
class ModalityExtractor
{
public:
    // Called with the presentation time reached, for a progress bar.
    using Position = std::function<void(qint64 ptsMs)>;

    virtual ~ModalityExtractor() = default;

    // The built-in extractor of `modality`, or `encoder` feeding on the same
    // decoded media where one is given (visual and audio take one; text
    // ignores it). `threads`: video decoding threads, 0 for FFmpeg's choice.
    static std::unique_ptr<ModalityExtractor> create(Modality modality, TokenEncoder *encoder,
                                                     int threads);

    virtual Modality modality() const = 0;
    // Stored with the features; its params are part of every clip's input hash.
    virtual ExtractorInfo info() const = 0;

    // Text reads a film's subtitle file, the others its media file.
    virtual bool readsSubtitles() const { return false; }
    // For one that readsSubtitles(): read() is given the film's media file
    // and reads its text subtitle stream `index` (the film's subtitles are a
    // stream inside it); -1, the default, reads a subtitle file.
    virtual void setSubtitleStream(int index) { (void)index; }
    // Read even when every clip is current: reading costs nothing and the
    // warnings it gives (subtitle problems) should be seen on every run.
    virtual bool readsOnEveryRun() const { return false; }
    // The slowest modality moves the progress bar; two passes over the film
    // would make the bar run back.
    virtual bool drivesProgress() const { return false; }

    // Reads the film at `path`. Errors a user can cause are UserErrors naming
    // the file, unless the modality can do without (FilmTokens::usable).
    // `cancel` is polled while decoding; what was read by then is returned.
    virtual FilmTokens read(const QString &path, const std::atomic<bool> *cancel,
                            const Position &position) = 0;

    // One clip's tokens out of the film's: by default those it overlaps, at
    // least the nearest (sliceTokens).
    virtual FeatureMatrix clipTokens(const FeatureMatrix &film, qint64 startMs, qint64 endMs) const;

protected:
    // The built-in extractor's identity, or the encoder's where there is one.
    static ExtractorInfo describe(Modality modality, const TokenEncoder *encoder, const char *name,
                                  const char *version, const QString &params);
};

} // namespace ms::core
