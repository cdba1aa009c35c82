#pragma once

#include <QStatusBar>
#include <optional>

class QLabel;
class QToolButton;

namespace ms::core {
class JobRunner;
}

namespace ms::models {
struct TorchRuntime;
}

namespace ms::ui {

class JobStatusView;

// The main window's status bar: temporary messages on the left; on the
// right the jobs running (each with progress and Cancel), the clip counts
// with the annotator, and the device training runs on.
//
// Design: it only shows what it is told. The window feeds it counts from the
// clip model and the device from the torch runtime and the training panel;
// long work is followed through the window's core::JobRunner by a
// JobStatusView, so a new kind of job needs no code here.
class MainStatusBar : public QStatusBar
{
    Q_OBJECT
public:
    struct Counts
    {
        int clips = 0;
        int annotated = 0;
        int shown = 0; // clips the film filter lets through
    };

    explicit MainStatusBar(QWidget *parent = nullptr);

    // "5 clips · 3 annotated · 2 shown · annotator: alice"; only the
    // annotator without a project (no counts), "· n shown" only when the
    // filter hides some.
    void showCounts(const std::optional<Counts> &counts, const QString &annotator);
    QString countsText() const;

    // "Device: CUDA" or "Device: CPU, 8 threads", with the runtime in the tooltip.
    void showRuntime(const models::TorchRuntime &runtime);
    // The device a training run reported ("CPU", "cuda:0 (…)").
    void showDevice(const QString &device);
    QString deviceText() const;

    // The team server's state ("Team: synced", "Team: 3 waiting", "Team:
    // offline"); hidden when `text` is empty. Clicking it asks for a sync.
    void showTeamStatus(const QString &text, const QString &toolTip = {});
    QString teamStatusText() const;

    // Shows the jobs `runner` runs, left of the counts; why one failed or
    // was cancelled becomes a message.
    void followJobs(core::JobRunner *runner);
    JobStatusView *jobView() const { return m_jobs; }

Q_SIGNALS:
    void teamSyncRequested();

private:
    QToolButton *m_team;
    QLabel *m_counts;
    QLabel *m_device;
    JobStatusView *m_jobs;
};

} // namespace ms::ui
