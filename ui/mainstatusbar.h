#pragma once

#include <QHash>
#include <QStatusBar>
#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace ms::models {
struct TorchRuntime;
}

namespace ms::ui {

// The main window's status bar: temporary messages on the left; on the
// right the long work in progress (each with Cancel), the clip counts with
// the annotator, and the device training runs on.
//
// Design: it only shows what it is told. The window feeds it counts from the
// clip model and the device from the torch runtime and the training panel;
// long work gets a progress bar and a Cancel button from addTask(), hidden
// while the work is idle, so a new kind of work is one call, not new
// members in the window.
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

    // A hidden progress bar (named `name`, with `format`) and Cancel button
    // for one kind of long work, left of the counts; `cancel` runs on Cancel.
    QProgressBar *addTask(const QString &name, const QString &format, const QString &cancelTip,
                          const std::function<void()> &cancel);
    // Shows the task's bar (from 0) and Cancel, or hides them.
    void setTaskBusy(QProgressBar *bar, bool busy);

private:
    QLabel *m_counts;
    QLabel *m_device;
    QHash<QProgressBar *, QToolButton *> m_cancels;
};

} // namespace ms::ui
