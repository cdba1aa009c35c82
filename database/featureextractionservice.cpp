#include "database/featureextractionservice.h"

#include "core/error.h"
#include "core/extractorinfo.h"
#include "core/mediaprobe.h"
#include "core/audiofeatureextractor.h"
#include "core/audiostreamreader.h"
#include "core/filefingerprint.h"
#include "core/subtitleparser.h"
#include "core/textfeatureextractor.h"
#include "core/videoframereader.h"
#include "core/visualfeatureextractor.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"
#include "database/transaction.h"

#include <QCryptographicHash>
#include <cstring>

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

core::FeatureMatrix FeatureExtractionService::slice(const core::FeatureMatrix &film, qint64 startMs,
                                                    qint64 endMs)
{
    core::FeatureMatrix out;
    out.dim = film.dim;
    int first = -1, last = -1;
    for (int t = 0; t < film.tokens; ++t) {
        const core::TokenSpan &s = film.spans[size_t(t)];
        if (s.endMs > startMs && s.startMs < endMs) {
            if (first < 0)
                first = t;
            last = t;
        }
    }
    if (first < 0 && film.tokens > 0) {
        // Shorter than a token, or past the end: the nearest token stands in.
        qint64 best = std::numeric_limits<qint64>::max();
        for (int t = 0; t < film.tokens; ++t) {
            const core::TokenSpan &s = film.spans[size_t(t)];
            const qint64 d = std::min(std::abs(s.startMs - startMs), std::abs(s.endMs - endMs));
            if (d < best) {
                best = d;
                first = last = t;
            }
        }
    }
    if (first < 0)
        return out;
    out.tokens = last - first + 1;
    out.data.assign(film.data.begin() + qsizetype(first) * film.dim,
                    film.data.begin() + qsizetype(last + 1) * film.dim);
    out.spans.assign(film.spans.begin() + first, film.spans.begin() + last + 1);
    return out;
}

namespace {

struct VisualTokens
{
    core::FeatureMatrix tokens;
    qint64 frames = 0;
    bool truncated = false;
};

// Decodes a film once and turns every 16-frame window into a token, with the
// built-in features or with a registered encoder.
VisualTokens visualTokens(const QString &path, int threads, core::TokenEncoder *encoder,
                          const std::atomic<bool> *cancel, const std::function<void(qint64)> &progress)
{
    constexpr int window = core::VisualFeatureExtractor::kWindow;
    const int w = encoder ? encoder->frameWidth() : core::VisualFeatureExtractor::kWidth;
    const int h = encoder ? encoder->frameHeight() : core::VisualFeatureExtractor::kHeight;
    core::VideoFrameReader reader(path, w, h, threads);
    core::VisualFeatureExtractor builtin;
    VisualTokens out;
    // Encoder path: the window's frames are copied (the reader reuses its buffer).
    std::vector<std::vector<unsigned char>> frames;
    qint64 windowStart = 0, lastMs = 0;
    auto encodeWindow = [&](qint64 endMs) {
        std::vector<const unsigned char *> ptrs;
        for (const auto &f : frames)
            ptrs.push_back(f.data());
        while (ptrs.size() < size_t(window)) // a last short window repeats its last frame
            ptrs.push_back(frames.back().data());
        const std::vector<float> v = encoder->encodeFrames(ptrs, w, h);
        if (out.tokens.dim == 0)
            out.tokens.dim = int(v.size());
        out.tokens.data.insert(out.tokens.data.end(), v.begin(), v.end());
        out.tokens.spans.push_back({windowStart, std::max(endMs, windowStart + 1)});
        ++out.tokens.tokens;
        frames.clear();
    };
    const auto info = reader.run(
        [&](const core::VideoFrameReader::Frame &f) {
            lastMs = f.ptsMs;
            if (encoder) {
                if (frames.size() == size_t(window))
                    encodeWindow(f.ptsMs);
                if (frames.empty())
                    windowStart = f.ptsMs;
                frames.emplace_back(f.rgb, f.rgb + size_t(w) * h * 3);
            } else {
                builtin.addFrame(f.ptsMs, f.rgb);
            }
            if (progress && f.index % 250 == 0)
                progress(f.ptsMs);
        },
        cancel);
    const qint64 frameMs = qint64(1000.0 / std::max(1.0, info.frameRate));
    if (encoder) {
        if (!frames.empty())
            encodeWindow(lastMs + frameMs);
    } else {
        out.tokens = builtin.finish(lastMs + frameMs);
    }
    out.frames = info.framesDecoded;
    out.truncated = info.truncated;
    return out;
}

// Decodes a film's first audio stream at 16 kHz mono and turns every 2-second
// chunk into a token: the built-in log-mel statistics, or a registered
// encoder fed the chunk's log-mel frames.
core::FeatureMatrix audioTokens(const QString &path, core::TokenEncoder *encoder,
                                const std::atomic<bool> *cancel, bool *truncated)
{
    core::AudioStreamReader reader(path, 0, core::AudioFeatureExtractor::kSampleRate);
    core::AudioFeatureExtractor builtin;
    const core::KaldiFbank fbank;
    core::FeatureMatrix out;
    std::vector<float> pending, chunk;
    const int framesPerChunk = core::AudioFeatureExtractor::kChunkMs / 10;
    const int bins = fbank.melBins();
    auto encodeChunk = [&] {
        const int frames = int(chunk.size()) / bins;
        const std::vector<float> v = encoder->encodeLogMel(chunk.data(), frames, bins);
        if (out.dim == 0)
            out.dim = int(v.size());
        out.data.insert(out.data.end(), v.begin(), v.end());
        const qint64 k = out.tokens++;
        out.spans.push_back({k * core::AudioFeatureExtractor::kChunkMs,
                             k * core::AudioFeatureExtractor::kChunkMs + frames * 10 + 15});
        chunk.clear();
    };
    const auto info = reader.run(
        [&](const float *samples, qint64 n) {
            if (!encoder) {
                builtin.addSamples(samples, n);
                return;
            }
            pending.insert(pending.end(), samples, samples + n);
            size_t offset = 0;
            while (pending.size() - offset >= size_t(fbank.frameLength())) {
                chunk.resize(chunk.size() + size_t(bins));
                fbank.computeFrame(pending.data() + offset, chunk.data() + chunk.size() - size_t(bins));
                offset += size_t(fbank.frameShift());
                if (int(chunk.size()) == framesPerChunk * bins)
                    encodeChunk();
            }
            pending.erase(pending.begin(), pending.begin() + qsizetype(offset));
        },
        cancel);
    *truncated = info.truncated;
    if (!encoder)
        return builtin.finish();
    if (!chunk.empty())
        encodeChunk();
    return out;
}

} // namespace

static QString inputHash(const QString &fingerprint, const core::Clip &c, const QString &params)
{
    const QString key = QStringLiteral("%1|%2|%3|%4").arg(fingerprint).arg(*c.startMs).arg(*c.endMs).arg(params);
    return QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex());
}

void FeatureExtractionService::extractText(const core::Film &film, const QList<core::Clip> &clips,
                                           ExtractionReport &rep)
{
    if (film.subtitlesPath.isEmpty()) {
        rep.warnings.append(QStringLiteral("%1: no subtitles attached (add-film --subtitles): no "
                                           "text features").arg(film.movieId));
        return;
    }
    FilmRepository films(m_project);
    const QString path = films.resolve(film.subtitlesPath);
    const core::SubtitleDocument doc = core::SubtitleParser::readFile(path);
    for (const auto &problem : doc.problems)
        rep.warnings.append(QStringLiteral("%1:%2: %3").arg(path).arg(problem.line).arg(problem.message));
    core::ExtractorInfo info;
    info.name = QString::fromLatin1(core::TextFeatureExtractor::kName);
    info.version = QString::fromLatin1(core::TextFeatureExtractor::kVersion);
    info.params = QStringLiteral("{\"hash\":\"fnv1a64\",\"dim\":%1,\"terms\":\"words+bigrams\"}")
                      .arg(core::TextFeatureExtractor::kDim);
    info.modality = core::Modality::Text;
    auto &db = m_project.sql();
    FeatureStore store(db);
    Transaction tx(db);
    const qint64 extractorId = store.ensureExtractor(info);
    const QString fingerprint = core::FileFingerprint::of(path);
    for (const core::Clip &c : clips) {
        const QString h = inputHash(fingerprint, c, info.params);
        if (store.inputHash(c.id, extractorId) == h) {
            ++rep.clipsUnchanged;
            continue;
        }
        QList<core::TextFeatureExtractor::Cue> cues;
        for (const core::SubtitleCue &cue : doc.cues)
            if (cue.endMs > *c.startMs && cue.startMs < *c.endMs)
                cues.append({cue.startMs, cue.endMs, cue.text});
        // A clip without dialogue still gets one token: a zero vector over
        // the clip ("nothing said"), so every clip has every modality.
        core::FeatureMatrix m = cues.isEmpty()
                                    ? core::TextFeatureExtractor::extract({{*c.startMs, *c.endMs, QString()}})
                                    : core::TextFeatureExtractor::extract(cues);
        store.put(c.id, extractorId, m, h);
        ++rep.clipsWritten;
    }
    tx.commit();
}

void FeatureExtractionService::extractAudio(const core::Film &film, const QList<core::Clip> &clips,
                                            const QString &mediaPath, core::TokenEncoder *encoder,
                                            const std::atomic<bool> *cancel, ExtractionReport &rep)
{
    core::ExtractorInfo info;
    if (encoder) {
        info.name = encoder->name();
        info.version = encoder->version();
        info.params = encoder->params();
    } else {
        info.name = QString::fromLatin1(core::AudioFeatureExtractor::kName);
        info.version = QString::fromLatin1(core::AudioFeatureExtractor::kVersion);
        info.params = QStringLiteral("{\"fbank\":\"kaldi 16k 128 mel 25/10 ms povey\",\"chunk_ms\":%1,"
                                     "\"stats\":\"mean+std\",\"stream\":0}")
                          .arg(core::AudioFeatureExtractor::kChunkMs);
    }
    info.modality = core::Modality::Audio;
    auto &db = m_project.sql();
    FeatureStore store(db);
    qint64 extractorId;
    {
        Transaction tx(db);
        extractorId = store.ensureExtractor(info);
        tx.commit();
    }
    QList<core::Clip> todo;
    QStringList hashes;
    for (const core::Clip &c : clips) {
        const QString h = inputHash(film.mediaFingerprint, c, info.params);
        if (store.inputHash(c.id, extractorId) == h) {
            ++rep.clipsUnchanged;
            continue;
        }
        todo.append(c);
        hashes.append(h);
    }
    if (todo.isEmpty())
        return;
    core::FeatureMatrix tokens;
    bool truncated = false;
    try {
        tokens = audioTokens(mediaPath, encoder, cancel, &truncated);
    } catch (const core::UserError &e) {
        // A silent film (no audio stream) is not an error for the other modalities.
        rep.warnings.append(e.message() + QStringLiteral(": no audio features for its clips"));
        return;
    }
    if (cancel && cancel->load())
        return;
    if (truncated)
        rep.warnings.append(QStringLiteral("%1: the audio is damaged part way; later clips got the "
                                           "last tokens before the damage").arg(mediaPath));
    Transaction tx(db);
    for (int i = 0; i < todo.size(); ++i) {
        store.put(todo[i].id, extractorId, slice(tokens, *todo[i].startMs, *todo[i].endMs), hashes[i]);
        ++rep.clipsWritten;
    }
    tx.commit();
}

ExtractionReport FeatureExtractionService::extract(const QString &movieId,
                                                   core::ModalitySet modalities,
                                                   const Progress &progress,
                                                   const std::atomic<bool> *cancel, int threads,
                                                   const QList<core::TokenEncoder *> &encoders)
{
    core::TokenEncoder *visualEncoder = nullptr, *audioEncoder = nullptr;
    for (core::TokenEncoder *e : encoders) {
        if (e->modality() == core::Modality::Visual)
            visualEncoder = e;
        if (e->modality() == core::Modality::Audio)
            audioEncoder = e;
    }
    auto &db = m_project.sql();
    AnnotationRepository repo(db);
    FilmRepository films(m_project);
    FeatureStore store(db);
    ExtractionReport rep;

    QList<core::Film> targets;
    for (const core::Film &f : repo.films())
        if (movieId.isEmpty() || f.movieId == movieId)
            targets.append(f);
    if (!movieId.isEmpty() && targets.isEmpty())
        throw core::UserError(QStringLiteral("%1: no film '%2' in the project").arg(m_project.path(), movieId));
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
        // Text needs only the subtitles, not the media.
        if (modalities.contains(core::Modality::Text) && !clips.isEmpty())
            extractText(film, clips, rep);
        if (film.mediaPath.isEmpty()) {
            ++rep.filmsWithoutMedia;
            continue;
        }
        ++rep.films;
        if (clips.isEmpty())
            continue;
        const MediaStatus status = films.mediaStatus(film);
        if (status.state != MediaStatus::State::Ok) {
            rep.warnings.append(QStringLiteral("%1: %2; its clips were skipped").arg(film.movieId, status.describe()));
            continue;
        }
        if (modalities.contains(core::Modality::Audio))
            extractAudio(film, clips, status.absolutePath, audioEncoder, cancel, rep);
        if (!modalities.contains(core::Modality::Visual))
            continue;

        core::ExtractorInfo info;
        if (visualEncoder) {
            info.name = visualEncoder->name();
            info.version = visualEncoder->version();
            info.params = visualEncoder->params();
        } else {
            info.name = QString::fromLatin1(core::VisualFeatureExtractor::kName);
            info.version = QString::fromLatin1(core::VisualFeatureExtractor::kVersion);
            info.params = QStringLiteral("{\"frame\":\"%1x%2\",\"window\":%3,\"dim\":%4}")
                              .arg(core::VisualFeatureExtractor::kWidth)
                              .arg(core::VisualFeatureExtractor::kHeight)
                              .arg(core::VisualFeatureExtractor::kWindow)
                              .arg(core::VisualFeatureExtractor::kDim);
        }
        info.modality = core::Modality::Visual;
        qint64 extractorId;
        {
            Transaction tx(db);
            extractorId = store.ensureExtractor(info);
            tx.commit();
        }
        QList<core::Clip> todo;
        QStringList hashes;
        for (const core::Clip &c : clips) {
            const QString h = inputHash(film.mediaFingerprint, c, info.params);
            if (store.inputHash(c.id, extractorId) == h) {
                ++rep.clipsUnchanged;
                continue;
            }
            todo.append(c);
            hashes.append(h);
        }
        if (todo.isEmpty())
            continue;

        const qint64 durationMs = film.media.durationMs;
        VisualTokens decoded = visualTokens(status.absolutePath, threads, visualEncoder, cancel,
                                         [&](qint64 ptsMs) {
                                             if (progress && durationMs > 0)
                                                 progress((fi + std::min(1.0, double(ptsMs) / double(durationMs))) /
                                                              targets.size(),
                                                          film.movieId);
                                         });
        if (cancel && cancel->load())
            break;
        rep.framesDecoded += decoded.frames;
        if (decoded.truncated)
            rep.warnings.append(QStringLiteral("%1: the video is damaged after %2 frames; later clips "
                                               "got the last tokens before the damage")
                                    .arg(status.absolutePath)
                                    .arg(decoded.frames));
        const core::FeatureMatrix &tokens = decoded.tokens;
        Transaction tx(db);
        for (int i = 0; i < todo.size(); ++i) {
            store.put(todo[i].id, extractorId, slice(tokens, *todo[i].startMs, *todo[i].endMs), hashes[i]);
            ++rep.clipsWritten;
        }
        tx.commit();
        if (progress)
            progress(double(fi + 1) / targets.size(), film.movieId);
    }
    return rep;
}

} // namespace ms::db
