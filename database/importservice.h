#pragma once

#include "core/importrecord.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ms::db {

class ProjectDatabase;

// What an import did, for the user.
struct ImportReport
{
    int rows = 0;
    int filmsAdded = 0;
    int clipsAdded = 0;
    int clipsUpdated = 0;       // times or source label changed
    int annotationsChanged = 0; // set, changed or cleared
    int annotationsUnchanged = 0;
    int leftUnannotated = 0; // rows without a level (Not Sure excluded, empty level)
    // Concept names the taxonomy did not know, with the lines naming them.
    // They are kept as concepts without a modality, never dropped.
    QMap<QString, QList<int>> unknownConcepts;

    QString summary() const;
};

// Applies checked ImportRecords to a project in one transaction: films and
// clips are created as needed, each clip's annotation by `annotator` is set to
// the record's, and only differences are written, so importing the same file
// twice changes nothing. Any error rolls everything back.
class ImportService
{
public:
    explicit ImportService(ProjectDatabase &project) : m_project(project) {}

    // `meta` holds project facts to record with the import ("not_sure_rule").
    // An empty `annotator` imports films and clips (with their times) only and
    // leaves every annotation alone (`import-clips`).
    ImportReport apply(const QList<core::ImportRecord> &records, const QString &annotator,
                       const QString &source, const QMap<QString, QString> &meta = {});

private:
    ProjectDatabase &m_project;
};

} // namespace ms::db
