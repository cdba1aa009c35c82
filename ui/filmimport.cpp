#include "ui/filmimport.h"

#include "core/error.h"
#include "database/addfilmsjob.h"
#include "ui/projectdocument.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace ms::ui {
namespace {

const QStringList &videoSuffixes()
{
    static const QStringList suffixes = {QStringLiteral("mp4"),  QStringLiteral("mkv"),
                                         QStringLiteral("mov"),  QStringLiteral("avi"),
                                         QStringLiteral("webm"), QStringLiteral("m4v"),
                                         QStringLiteral("mpg"),  QStringLiteral("mpeg"),
                                         QStringLiteral("ts"),   QStringLiteral("wmv")};
    return suffixes;
}

} // namespace

FilmImport::FilmImport(core::JobRunner *jobs, std::function<ProjectDocument *()> document,
                       QObject *parent)
    : QObject(parent), m_jobs(jobs), m_document(std::move(document))
{
    connect(m_jobs, &core::JobRunner::finished, this,
            [this](core::JobRunner::JobId id, const core::JobOutcome &outcome) {
                if (id != m_job)
                    return;
                m_job = 0;
                // A cancel keeps the films added before it, so they are shown too.
                ProjectDocument *doc = m_document ? m_document() : nullptr;
                if (doc && doc->path() == m_jobProject && !outcome.isFailed()) {
                    try {
                        doc->reload();
                    } catch (const core::UserError &e) {
                        m_lastError = e.message();
                    }
                }
                QString text = outcome.message;
                if (outcome.isCancelled())
                    text = tr("Adding films cancelled: %1").arg(outcome.message);
                else if (outcome.isFailed())
                    text = tr("Cannot add films: %1").arg(outcome.message);
                if (!outcome.isDone())
                    m_lastError = text;
                m_lastReport = text;
                emit message(text, 15000);
                emit ended(text, outcome.isDone());
            });
}

void FilmImport::acceptDropsOn(QWidget *window)
{
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

bool FilmImport::addFilms(const QStringList &paths)
{
    m_lastError.clear();
    ProjectDocument *doc = m_document ? m_document() : nullptr;
    if (!doc)
        m_lastError = tr("Open or create a project first, then add films to it.");
    else if (paths.isEmpty())
        m_lastError = tr("No film to add.");
    else if (isRunning())
        m_lastError = tr("Films are being added already; wait for it or cancel it.");
    if (!m_lastError.isEmpty())
        return false;
    m_jobProject = doc->path();
    emit message(paths.size() == 1 ? tr("Adding %1\u2026").arg(QFileInfo(paths.first()).fileName())
                                   : tr("Adding %1 films\u2026").arg(paths.size()),
                 0);
    m_job = m_jobs->start(std::make_unique<db::AddFilmsJob>(doc->location(), paths));
    return true;
}

QString FilmImport::dialogFilter()
{
    QStringList globs;
    for (const QString &s : videoSuffixes())
        globs << QStringLiteral("*.") + s;
    return tr("Video files (%1);;All files (*)").arg(globs.join(u' '));
}

QStringList FilmImport::videoFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        const QFileInfo info(url.toLocalFile());
        if (url.isLocalFile() && info.isFile() &&
            videoSuffixes().contains(info.suffix(), Qt::CaseInsensitive))
            files << info.absoluteFilePath();
    }
    return files;
}

bool FilmImport::eventFilter(QObject *watched, QEvent *event)
{
    // Accepted only with a project open, so the cursor tells the user at once
    // whether a drop would do something.
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (m_document && m_document() && !videoFiles(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList files = videoFiles(drop->mimeData());
        if (!files.isEmpty()) {
            drop->acceptProposedAction();
            if (!addFilms(files))
                emit message(m_lastError, 8000);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace ms::ui
