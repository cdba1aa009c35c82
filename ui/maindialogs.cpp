#include "ui/maindialogs.h"

#include "core/error.h"
#include "ui/exportsplitsdialog.h"
#include "ui/filmimport.h"
#include "ui/filmsession.h"
#include "ui/importdialog.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>

namespace ms::ui {

namespace {

const QString kProjectFilter = QStringLiteral("Modalscope projects (*.msproj *.sqlite *.db);;"
                                              "All files (*)");

} // namespace

MainDialogs::MainDialogs(MainWindow *window) : QObject(window), m_window(window) {}

void MainDialogs::showError(const QString &title, const QString &message)
{
    QMessageBox::critical(m_window, title, message);
}

void MainDialogs::newProject()
{
    QString path =
        QFileDialog::getSaveFileName(m_window, tr("New Project: Where to Save the Project File"),
                                     m_window->settings().lastFolder(),
                                     kProjectFilter, nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".msproj");
    if (!m_window->newProject(path))
        showError(tr("Cannot create project"), m_window->lastError());
    else
        m_window->statusBar()->showMessage(
            tr("New project %1. Next: File > Add Films\u2026 (or drop films on the window), then "
               "make clips from the Film menu.")
                .arg(QFileInfo(path).fileName()),
            15000);
}

void MainDialogs::openProject()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open Project"), m_window->settings().lastFolder(), kProjectFilter);
    if (!path.isEmpty() && !m_window->openProject(path))
        showError(tr("Cannot open project"), m_window->lastError());
}

void MainDialogs::openRecent(const QString &path)
{
    if (m_window->openProject(path))
        return;
    showError(tr("Cannot open project"), m_window->lastError());
    if (!QFileInfo::exists(path))
        m_window->settings().removeRecentProject(path);
}

void MainDialogs::importAnnotations()
{
    ImportDialog dialog(m_window->settings().lastFolder(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_window->importAnnotations(dialog.path(), dialog.format(), dialog.options()))
        m_window->statusBar()->showMessage(m_window->lastReport(), 15000);
    else
        showError(tr("Import failed"),
                  m_window->lastError() + tr("\n\nThe project was not changed."));
}

void MainDialogs::exportSplits()
{
    ExportSplitsDialog dialog(
        QDir(m_window->settings().lastFolder()).filePath(QStringLiteral("splits")), m_window);
    if (ProjectDocument *document = m_window->document()) {
        try {
            dialog.setLabelRules(document->annotators(), document->labelRule());
        } catch (const core::UserError &) {
            dialog.setLabelRules({}, document->labelRule());
        }
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_window->exportSplits(dialog.folder(), dialog.folds(), dialog.seed(), dialog.labelRule()))
        QMessageBox::information(m_window, tr("Splits exported"), m_window->lastReport());
    else
        showError(tr("Export failed"), m_window->lastError());
}

void MainDialogs::addFilms()
{
    const QStringList paths =
        QFileDialog::getOpenFileNames(m_window, tr("Add Films"), m_window->settings().lastFolder(),
                                      FilmImport::dialogFilter());
    if (!paths.isEmpty() && !m_window->filmImport()->addFilms(paths))
        showError(tr("Cannot add films"), m_window->filmImport()->lastError());
}

void MainDialogs::relinkFilm()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Relink Film Media"), m_window->settings().lastFolder(),
        tr("Video files (*.mp4 *.mkv *.mov *.avi *.webm *.m4v);;All files (*)"));
    if (path.isEmpty() || m_window->relinkCurrentFilm(path, false))
        return;
    const auto answer = QMessageBox::question(
        m_window, tr("Relink anyway?"),
        tr("%1\n\nUse this file anyway (for example, the film was re-encoded)?")
            .arg(m_window->lastError()));
    if (answer == QMessageBox::Yes && !m_window->relinkCurrentFilm(path, true))
        showError(tr("Cannot relink"), m_window->lastError());
}

void MainDialogs::explainRun()
{
    ProjectDocument *doc = m_window->document();
    if (!doc) {
        showError(tr("Cannot explain"), tr("Open a project first."));
        return;
    }
    QStringList items;
    QList<qint64> ids;
    try {
        for (const db::RunRecord &r : doc->runs())
            if (r.status == u"finished") {
                items.append(
                    tr("%1: %2%3")
                        .arg(r.id)
                        .arg(r.label, r.synthetic ? tr(" (SYNTHETIC features)") : QString()));
                ids.append(r.id);
            }
    } catch (const core::UserError &e) {
        showError(tr("Cannot explain"), e.message());
        return;
    }
    if (ids.isEmpty()) {
        showError(tr("Cannot explain"), tr("The project has no finished run yet: train one in the "
                                           "Training panel first."));
        return;
    }
    bool ok = false;
    const QString run =
        QInputDialog::getItem(m_window, tr("Explain a Run"), tr("Run:"), items, 0, false, &ok);
    if (!ok)
        return;
    const QString baseline =
        QInputDialog::getItem(m_window, tr("Explain a Run"), tr("Absent modalities replaced by:"),
                              {QStringLiteral("mean"), QStringLiteral("zeros"),
                               QStringLiteral("noise"), QStringLiteral("drop")},
                              0, false, &ok);
    if (ok && !m_window->explainRun(ids.value(int(items.indexOf(run))), baseline))
        showError(tr("Cannot explain"), m_window->lastError());
}

void MainDialogs::extractFeatures()
{
    ProjectDocument *doc = m_window->document();
    if (!doc) {
        showError(tr("Cannot extract"), tr("Open a project first."));
        return;
    }
    const core::Film *film = doc->film(m_window->filmSession()->filmId());
    const QString movie = film ? film->movieId : QString();
    QStringList choices{tr("Every film")};
    if (!movie.isEmpty())
        choices.prepend(tr("This film (%1)").arg(movie));
    bool ok = false;
    const QString which =
        QInputDialog::getItem(m_window, tr("Extract Features"),
                              tr("Visual, audio and text features of:"), choices, 0, false, &ok);
    if (!ok)
        return;
    const core::ModalitySet all{core::Modality::Visual, core::Modality::Audio,
                                core::Modality::Text};
    if (!m_window->extractFeatures(which == choices.last() ? QString() : movie, all))
        showError(tr("Cannot extract"), m_window->lastError());
}

void MainDialogs::changeAnnotator()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(m_window, tr("Annotator"), tr("Name written with your annotations:"),
                              QLineEdit::Normal, m_window->annotator(), &ok);
    if (ok && !name.trimmed().isEmpty())
        m_window->setAnnotator(name);
}

QString MainDialogs::askAnnotator()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(m_window, tr("Who is annotating?"),
                              tr("Modalscope writes your name with every annotation you make,\n"
                                 "so several experts can annotate the same project.\n\n"
                                 "Your name:"),
                              QLineEdit::Normal, qEnvironmentVariable("USER"), &ok)
            .trimmed();
    return ok ? name : QString();
}

} // namespace ms::ui
