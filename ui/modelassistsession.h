#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;

namespace ms::ui {

class AnnotationQueuePanel;
class MainWindow;
class ProjectDocument;
class RationaleView;

// The model helping the expert (issue 16) in the window: the Annotate Next
// dock (AnnotationQueuePanel) that N follows once a run is chosen in it, and
// View > Rationale Agreement (RationaleView). Kept out of MainWindow, which
// only hands over the document and asks selectNext() when N is pressed.
class ModelAssistSession : public QObject
{
    Q_OBJECT
public:
    explicit ModelAssistSession(MainWindow *window);

    void setDocument(ProjectDocument *document);
    // N: when a queue is chosen, selects the queue's next clip (or says in
    // the status bar why there is none) and returns true; false leaves N
    // to the next unannotated clip.
    bool selectNext();
    // View > Rationale Agreement (the view exists once asked for).
    void showRationale();

    AnnotationQueuePanel *queuePanel() const { return m_queue; }
    QDockWidget *queueDock() const { return m_queueDock; }
    RationaleView *rationaleView() const { return m_rationale; }
    QAction *rationaleAction() const { return m_rationaleAction; }
    QAction *queueAction() const { return m_queueAction; }

private:
    MainWindow *m_window;
    QPointer<ProjectDocument> m_document;
    AnnotationQueuePanel *m_queue;
    QDockWidget *m_queueDock;
    RationaleView *m_rationale = nullptr;
    QAction *m_queueAction;
    QAction *m_rationaleAction;
};

} // namespace ms::ui
