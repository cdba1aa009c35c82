#include "ui/projectoperations.h"

#include "core/error.h"
#include "core/formats/formatregistry.h"
#include "core/formats/obygazeformat.h"
#include "ui/annotationcontroller.h"
#include "ui/projectdocument.h"
#include "ui/settings.h"
#include "ui/waitcursor.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoStack>

namespace ms::ui {

ProjectOperations::ProjectOperations(AnnotationController *controller, Settings &settings,
                                     QObject *parent)
    : QObject(parent), m_controller(controller), m_settings(settings)
{
}

bool ProjectOperations::fail(const QString &message)
{
    m_lastError = message;
    return false;
}

bool ProjectOperations::importAnnotations(const QString &path, const QString &format,
                                          core::NotSureRule rule)
{
    // The rule is an option value that formats without it ignore.
    return importAnnotations(
        path, format, {{core::ObyGazeFormat::notSureOptionKey(), core::notSureRuleCode(rule)}});
}

bool ProjectOperations::importAnnotations(const QString &path, const QString &format,
                                          const core::FormatOptionValues &options)
{
    m_lastError.clear();
    m_lastReport.clear();
    ProjectDocument *document = m_controller->document();
    if (!document)
        return fail(tr("Open or create a project before importing annotations."));
    try {
        WaitCursor wait;
        // The format decides how to read and what to record.
        const core::AnnotationFormat &table = core::FormatRegistry::builtIn().format(format);
        const core::ImportedTable imported = table.import(path, options);
        const db::ImportReport report = document->importRecords(
            imported.records, imported.annotator, imported.source, imported.meta);
        // The import is not on the undo stack; older steps would replay
        // states from before it.
        m_controller->undoStack()->clear();
        m_lastReport =
            QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), report.summary());
        m_settings.setLastFolder(QFileInfo(path).absolutePath());
    } catch (const core::UserError &e) {
        return fail(e.message());
    } catch (const std::exception &e) {
        return fail(tr("%1: import failed: %2").arg(path, QString::fromLocal8Bit(e.what())));
    }
    emit imported();
    return true;
}

bool ProjectOperations::exportSplits(const QString &folder, int folds, quint64 seed,
                                     const std::optional<core::LabelRule> &rule)
{
    m_lastError.clear();
    m_lastReport.clear();
    ProjectDocument *document = m_controller->document();
    if (!document)
        return fail(tr("Open a project before exporting splits."));
    try {
        WaitCursor wait;
        m_lastReport = document->exportSplits(folder, folds, seed, rule);
    } catch (const core::UserError &e) {
        return fail(e.message());
    } catch (const std::exception &e) {
        return fail(tr("%1: export failed: %2").arg(folder, QString::fromLocal8Bit(e.what())));
    }
    return true;
}

} // namespace ms::ui
