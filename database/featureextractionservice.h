#pragma once

#include "core/clip.h"
#include "core/featurematrix.h"
#include "core/film.h"
#include "core/modality.h"
#include "core/tokenencoder.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace ms::db {

class ProjectDatabase;

// What one extraction did, per modality.
struct ExtractionReport
{
    int films = 0;
    int clipsWritten = 0;
    int clipsUnchanged = 0;
    int clipsWithoutTimes = 0; // annotation-only clips: nothing to extract from
    int filmsWithoutMedia = 0;
    qint64 framesDecoded = 0;
    // Planted spans written afresh from the project's planted events (the
    // demo's ground truth) once tokens were written; 0 without such events.
    int plantedSpans = 0;
    QStringList warnings;
    QString summary() const;
};

// Runs the built-in extractors over the films that have media and stores one
// token sequence per clip, modality and extractor. A film is decoded once and
// its tokens are dealt to its clips by time; a clip whose film, time range
// and extractor parameters are unchanged is not extracted again (the input
// hash says so, and a film whose clips are all current is not even decoded).
// Each film's clips are written in one transaction per modality.
// Reading and decoding a film is core's (core::ModalityExtractor, one per
// modality); this class decides what to extract and stores it.
class FeatureExtractionService
{
public:
    using Progress = std::function<void(double fraction, const QString &what)>;

    explicit FeatureExtractionService(ProjectDatabase &project) : m_project(project) {}

    // `encoders` replace the built-in extractor of their modality.
    ExtractionReport extract(const QString &movieId /* empty: all films */,
                             core::ModalitySet modalities, const Progress &progress = {},
                             const std::atomic<bool> *cancel = nullptr, int threads = 0,
                             const QList<core::TokenEncoder *> &encoders = {});

private:
    ProjectDatabase &m_project;
};

} // namespace ms::db
