#include "database/featureextractionservice.h"

#include "core/error.h"
#include "core/filefingerprint.h"
#include "core/media/modalityextractor.h"
#include "core/media/tokenslice.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/filmrepository.h"
#include "database/plantedeventrepository.h"
#include "database/projectdatabase.h"
#include "database/transaction.h"

#include <QCryptographicHash>
#include <memory>
#include <optional>
#include <vector>

namespace ms::db {

QString ExtractionReport::summary() const
{
    QString s = QStringLiteral("%1 films: %2 clips extracted, %3 unchanged, %4 clips without "
                               "times skipped, %5 films without media")
                    .arg(films)
                    .arg(clipsWritten)
                    .arg(clipsUnchanged)
                    .arg(clipsWithoutTimes)
                    .arg(filmsWithoutMedia);
    for (const QString &w : warnings)
        s += QStringLiteral("\nwarning: ") + w;
    return s;
}

namespace {

QString inputHash(const QString &fingerprint, const core::Clip &c, const QString &params)
{
    const QString key =
        QStringLiteral("%1|%2|%3|%4").arg(fingerprint).arg(*c.startMs).arg(*c.endMs).arg(params);
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

enum class Outcome { Current, Skipped, Written, Cancelled };

// One modality of one film, the same steps for every modality: find the clips
// whose input changed, read the film once if any did, store their tokens in
// one transaction. `fingerprint` is asked for after a film read on every run,
// so a missing subtitle file is reported by the reader, in its words.
Outcome extractModality(ProjectDatabase &project, core::ModalityExtractor &extractor,
                        const QList<core::Clip> &clips, const QString &path,
                        const std::function<QString()> &fingerprint,
                        const std::atomic<bool> *cancel,
                        const core::ModalityExtractor::Position &position, ExtractionReport &rep)
{
    std::optional<core::FilmTokens> film;
    // Returns false when the tokens cannot be used (cancelled, or nothing of
    // the modality in the film).
    auto readFilm = [&](const core::ModalityExtractor::Position &at) {
        film = extractor.read(path, cancel, at);
        if (cancel && cancel->load())
            return false;
        rep.framesDecoded += film->framesDecoded;
        rep.warnings.append(film->warnings);
        return film->usable;
    };
    if (extractor.readsOnEveryRun() && !readFilm({}))
        return cancel && cancel->load() ? Outcome::Cancelled : Outcome::Skipped;

    const core::ExtractorInfo info = extractor.info();
    auto &db = project.sql();
    FeatureStore store(db);
    qint64 extractorId;
    {
        Transaction tx(db);
        extractorId = store.ensureExtractor(info);
        tx.commit();
    }
    const QString source = fingerprint();
    QList<core::Clip> todo;
    QStringList hashes;
    for (const core::Clip &c : clips) {
        const QString h = inputHash(source, c, info.params);
        if (store.inputHash(c.id, extractorId) == h) {
            ++rep.clipsUnchanged;
            continue;
        }
        todo.append(c);
        hashes.append(h);
    }
    if (todo.isEmpty())
        return Outcome::Current;
    if (!film && !readFilm(position))
        return cancel && cancel->load() ? Outcome::Cancelled : Outcome::Skipped;

    Transaction tx(db);
    for (int i = 0; i < todo.size(); ++i) {
        store.put(todo[i].id, extractorId,
                  extractor.clipTokens(film->tokens, *todo[i].startMs, *todo[i].endMs), hashes[i]);
        ++rep.clipsWritten;
    }
    tx.commit();
    return Outcome::Written;
}

} // namespace

ExtractionReport FeatureExtractionService::extract(const QString &movieId,
                                                   core::ModalitySet modalities,
                                                   const Progress &progress,
                                                   const std::atomic<bool> *cancel, int threads,
                                                   const QList<core::TokenEncoder *> &encoders)
{
    // Text first, then audio, then video: the order the report's warnings
    // have always come in. A registered encoder replaces its modality's
    // built-in features (the last one given wins).
    std::vector<std::unique_ptr<core::ModalityExtractor>> extractors;
    for (core::Modality m : {core::Modality::Text, core::Modality::Audio, core::Modality::Visual}) {
        if (!modalities.contains(m))
            continue;
        core::TokenEncoder *encoder = nullptr;
        for (core::TokenEncoder *e : encoders)
            if (e->modality() == m)
                encoder = e;
        extractors.push_back(core::ModalityExtractor::create(m, encoder, threads));
    }

    auto &db = m_project.sql();
    AnnotationRepository repo(db);
    FilmRepository films(m_project);
    ExtractionReport rep;

    QList<core::Film> targets;
    for (const core::Film &f : repo.films())
        if (movieId.isEmpty() || f.movieId == movieId)
            targets.append(f);
    if (!movieId.isEmpty() && targets.isEmpty())
        throw core::UserError(
            QStringLiteral("%1: no film '%2' in the project").arg(m_project.path(), movieId));
    const auto allClips = repo.clips();

    for (int fi = 0; fi < targets.size(); ++fi) {
        const core::Film &film = targets[fi];
        if (cancel && cancel->load())
            break;
        QList<core::Clip> clips;
        for (const core::Clip &c : allClips)
            if (c.filmId == film.id) {
                if (c.startMs && c.endMs)
                    clips.append(c);
                else
                    ++rep.clipsWithoutTimes;
            }
        // Subtitles are read even for a film without media.
        for (const auto &extractor : extractors) {
            if (!extractor->readsSubtitles() || clips.isEmpty())
                continue;
            const core::SubtitleSource source = films.subtitleSource(film);
            if (source.isEmpty()) {
                rep.warnings.append(QStringLiteral("%1: no subtitles attached (add-film "
                                                   "--subtitles or --subtitle-stream): no text "
                                                   "features")
                                        .arg(film.movieId));
                continue;
            }
            extractor->setSubtitleStream(source.stream);
            // A stream's input is the film's media and which stream: choosing
            // another stream (or a file) makes the text features stale.
            const auto fingerprint = [&] {
                return source.isStream() ? QStringLiteral("%1#%2")
                                               .arg(core::FileFingerprint::of(source.path))
                                               .arg(source.stream)
                                         : core::FileFingerprint::of(source.path);
            };
            if (extractModality(m_project, *extractor, clips, source.path, fingerprint, cancel,
                                {}, rep) == Outcome::Cancelled)
                return rep;
        }
        if (film.mediaPath.isEmpty()) {
            ++rep.filmsWithoutMedia;
            continue;
        }
        ++rep.films;
        if (clips.isEmpty())
            continue;
        const MediaStatus status = films.mediaStatus(film);
        if (status.state != MediaStatus::State::Ok) {
            rep.warnings.append(QStringLiteral("%1: %2; its clips were skipped")
                                    .arg(film.movieId, status.describe()));
            continue;
        }
        const qint64 durationMs = film.media.durationMs;
        const core::ModalityExtractor::Position position = [&](qint64 ptsMs) {
            if (progress && durationMs > 0)
                progress((fi + std::min(1.0, double(ptsMs) / double(durationMs))) / targets.size(),
                         film.movieId);
        };
        for (const auto &extractor : extractors) {
            if (extractor->readsSubtitles())
                continue;
            const Outcome outcome = extractModality(
                m_project, *extractor, clips, status.absolutePath,
                [&] { return film.mediaFingerprint; }, cancel,
                extractor->drivesProgress() ? position : core::ModalityExtractor::Position{}, rep);
            if (outcome == Outcome::Cancelled)
                return rep;
            if (outcome == Outcome::Written && extractor->drivesProgress() && progress)
                progress(double(fi + 1) / targets.size(), film.movieId);
        }
    }
    // New tokens: the explainers' ground truth follows them (token indices
    // of the planted events, for whichever extractor wrote them).
    if (rep.clipsWritten > 0)
        rep.plantedSpans = PlantedEventRepository(db).writeTokenSpans();
    return rep;
}

} // namespace ms::db
