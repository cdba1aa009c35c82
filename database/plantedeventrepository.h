#pragma once

#include "core/modality.h"

#include <QList>
#include <QString>

namespace ms::db {

class SqliteDatabase;

// An event planted in generated media (the demo corpus): ground truth of
// when, in which modality and for which concept the media holds it.
struct PlantedEventRow
{
    QString movieId;
    qint64 startMs = 0;
    qint64 endMs = 0;
    core::Modality modality = core::Modality::Visual;
    QString conceptName;
    QString description;
};

// The planted events of a project's films, and the token spans the
// explainers' faithfulness checks read (FeatureStore's planted spans),
// derived from them for every extractor whose tokens carry film times.
class PlantedEventRepository
{
public:
    explicit PlantedEventRepository(SqliteDatabase &db) : m_db(db) {}

    // Inside the caller's transaction. Throws UserError when the film is
    // not in the project or the times are empty.
    void add(const PlantedEventRow &event);
    // By film then start; every film when movieId is empty.
    QList<PlantedEventRow> events(const QString &movieId = {});
    // For each non-synthetic extractor and each clip of a film with planted
    // events: replaces the clip's planted spans by the runs of its tokens
    // that overlap an event it holds (at least half of the event inside the
    // clip) of the extractor's modality, by at least half the token (at most
    // 500 ms). One transaction; returns the spans written.
    int writeTokenSpans();

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
