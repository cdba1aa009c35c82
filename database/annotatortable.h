#pragma once

#include "core/annotation.h"

#include <QList>
#include <QStringList>

namespace ms::db {

class SqliteDatabase;

// Every annotator's current annotation of every clip, for inter-annotator
// agreement. AnnotationRepository hands out one effective annotation per clip
// (the newest); agreement needs them all side by side. The annotations table
// holds each annotator's current state of a clip (history keeps the older
// ones, a cleared annotation has no row), so this reads it directly.
class AnnotatorTable
{
public:
    explicit AnnotatorTable(SqliteDatabase &db) : m_db(db) {}

    // Ordered by film, clip name and annotator; concepts in taxonomy order.
    QList<core::Annotation> currentAnnotations();
    // Everyone with at least one current annotation, sorted.
    QStringList annotators();

private:
    SqliteDatabase &m_db;
};

} // namespace ms::db
