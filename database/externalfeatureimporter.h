#pragma once

#include "core/featurematrix.h"
#include "core/modality.h"

#include <QHash>
#include <QString>

namespace ms::db {

class ProjectDatabase;

struct ExternalImportReport
{
    qint64 extractorId = 0;
    int clips = 0;     // matrices written
    int unchanged = 0; // same file content as already stored
    int dim = 0;
    int minTokens = 0;
    int maxTokens = 0;
    QString summary() const;
};

// Imports per-clip feature matrices made elsewhere (X-CLIP, AST, BERT...):
// a folder of <clip id>.npy files or one .safetensors file with a tensor per
// clip id. Everything is checked before anything is written — same dimension
// for every clip, finite values, known clip ids — and written in one
// transaction, so a bad file leaves the project as it was.
class ExternalFeatureImporter
{
public:
    explicit ExternalFeatureImporter(ProjectDatabase &project) : m_project(project) {}

    ExternalImportReport importNpyFolder(const QString &dir, core::Modality modality,
                                         const QString &name);
    ExternalImportReport importSafetensors(const QString &file, core::Modality modality,
                                           const QString &name);

private:
    struct Item
    {
        core::FeatureMatrix matrix;
        QString origin; // file (and tensor) for messages
        QString hash;   // of the source bytes
    };
    ExternalImportReport store(QHash<QString, Item> items, core::Modality modality,
                               const QString &name, const QString &kind);
    ProjectDatabase &m_project;
};

} // namespace ms::db
