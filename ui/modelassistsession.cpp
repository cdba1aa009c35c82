#include "ui/modelassistsession.h"

#include "ui/annotationqueuepanel.h"
#include "ui/clipbrowser.h"
#include "ui/mainactions.h"
#include "ui/mainstatusbar.h"
#include "ui/mainwindow.h"
#include "ui/projectdocument.h"
#include "ui/rationaleview.h"
#include "ui/trainingpanel.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QMenu>
#include <QTableWidget>

namespace ms::ui {

ModelAssistSession::ModelAssistSession(MainWindow *window)
    : QObject(window), m_window(window), m_queue(new AnnotationQueuePanel(window))
{
    m_queue->setObjectName(QStringLiteral("annotationQueue"));
    m_queue->setAnnotatorProvider([window] { return window->annotator(); });
    m_queue->setJobRunner(window->jobRunner());
    m_queueDock = window->addPanelDock(m_queue, tr("Annotate Next"), Qt::LeftDockWidgetArea);
    m_queueDock->setObjectName(QStringLiteral("annotateNextDock"));
    connect(m_queue, &AnnotationQueuePanel::clipActivated, window->clipBrowser(),
            &ClipBrowser::selectClip);

    QMenu *view = window->actions()->viewMenu();
    // With the model's views: after Explain a Run (first when it is absent).
    QAction *before = view->actions().value(0);
    const QList<QAction *> items = view->actions();
    for (int i = 0; i < items.size(); ++i)
        if (items[i]->objectName() == QLatin1String("explainRun") || items[i]->text().remove(u'&').startsWith(QLatin1String("Explain a Run"))) {
            before = items.value(i + 1); // nullptr: append
            break;
        }
    m_queueAction = new QAction(tr("Annotate &Next Queue"), window);
    m_queueAction->setObjectName(QStringLiteral("showAnnotateNext"));
    m_queueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_queueAction, &QAction::triggered, this, [this] {
        m_queueDock->show();
        m_queueDock->raise();
        m_queue->runChooser()->setFocus();
    });
    m_rationaleAction = new QAction(tr("Rationale A&greement\u2026"), window);
    m_rationaleAction->setObjectName(QStringLiteral("showRationale"));
    m_rationaleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_rationaleAction, &QAction::triggered, this, &ModelAssistSession::showRationale);
    view->insertAction(before, m_queueAction);
    view->insertAction(before, m_rationaleAction);

    // New runs and explanations appear in the choosers.
    const auto runsChanged = [this] {
        m_queue->refreshRuns();
        if (m_rationale && m_rationale->isVisible())
            m_rationale->refresh(m_document);
    };
    connect(window, &MainWindow::explanationDone, this, runsChanged);
    TrainingPanel *training = window->trainingPanel();
    for (auto ended : {&TrainingPanel::trainingFinished, &TrainingPanel::trainingCancelled})
        connect(training, ended, this, runsChanged);
    connect(training, &TrainingPanel::trainingFailed, this, runsChanged);
}

void ModelAssistSession::setDocument(ProjectDocument *document)
{
    m_document = document;
    m_queue->setDocument(document);
    if (m_rationale) // a hidden view reads the project again when opened
        m_rationale->refresh(m_rationale->isVisible() ? document : nullptr);
}

bool ModelAssistSession::selectNext()
{
    if (!m_queue->isActive())
        return false;
    const qint64 current = m_window->clipBrowser()->currentClipId();
    const qint64 next = m_queue->nextClip(current);
    if (next <= 0) {
        m_window->mainStatusBar()->showMessage(tr("Annotate Next: %1").arg(m_queue->message()),
                                               8000);
        return true;
    }
    m_window->clipBrowser()->selectClip(next);
    const QList<qint64> queue = m_queue->clips();
    const int row = int(queue.indexOf(next));
    m_queue->table()->selectRow(row);
    m_window->mainStatusBar()->showMessage(tr("Annotate Next: clip %1 of %2 waiting (run %3)")
                                               .arg(row + 1)
                                               .arg(queue.size())
                                               .arg(m_queue->currentRun()),
                                           5000);
    return true;
}

void ModelAssistSession::showRationale()
{
    if (!m_rationale)
        m_rationale = new RationaleView(m_window);
    m_rationale->showFor(m_document);
}

} // namespace ms::ui
