#pragma once

#include "core/formats/formatoption.h"
#include "core/labelrule.h"
#include "core/obygazereader.h"

#include <QObject>
#include <optional>

namespace ms::ui {

class AnnotationController;
class Settings;

// The whole-project operations behind the File menu: importing an
// annotation table and exporting the CMSD splits, on the project the
// annotation controller edits.
//
// Design: like every operation a menu offers, each returns false and sets
// lastError() instead of showing a dialog; lastReport() then says what
// changed. MainWindow forwards to it, MainDialogs shows the words.
class ProjectOperations : public QObject
{
    Q_OBJECT
public:
    // `controller` and `settings` must outlive this object.
    ProjectOperations(AnnotationController *controller, Settings &settings,
                      QObject *parent = nullptr);

    // Imports as annotator "obygaze" (ObyGaze tables) or "import" (Modalscope
    // CSV), like the CLI. On failure the project is unchanged.
    bool importAnnotations(const QString &path, const QString &format, core::NotSureRule rule);
    // The same with every option and parameter of the format (the import
    // dialog's, such as ELAN's tier roles).
    bool importAnnotations(const QString &path, const QString &format,
                           const core::FormatOptionValues &options);
    bool exportSplits(const QString &folder, int folds, quint64 seed,
                      const std::optional<core::LabelRule> &rule = std::nullopt);

    QString lastError() const { return m_lastError; }
    QString lastReport() const { return m_lastReport; }

signals:
    // An import changed the project's clips or annotations.
    void imported();

private:
    bool fail(const QString &message);

    AnnotationController *m_controller;
    Settings &m_settings;
    QString m_lastError;
    QString m_lastReport;
};

} // namespace ms::ui
