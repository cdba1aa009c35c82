#pragma once

#include "core/jobs/jobrunner.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QToolButton;

namespace ms::ui {

// The status bar's view of the jobs a core::JobRunner runs: for each one its
// title, a progress bar (busy while the amount of work is unknown, "3/40"
// when the job counts) and a Cancel button named after its kind
// ("cancel-waveform"), so any job, present or future, is shown and can be
// stopped without code of its own in the window. Hidden when no job runs.
// A job that fails or is cancelled leaves its message on view for a while
// and in message(), which the window puts in the status bar.
class JobStatusView : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusView(QWidget *parent = nullptr);

    // Follows `runner` (null: none), showing the jobs it runs already.
    void setRunner(core::JobRunner *runner);
    core::JobRunner *runner() const { return m_runner; }
    int jobCount() const { return int(m_rows.size()); }
    // How long an ended job's message stays on view (ms).
    void setMessageTimeout(int ms) { m_messageTimeout = ms; }

Q_SIGNALS:
    // Why a job ended other than done, in words: "Waveform of a.mkv failed: ...".
    void message(const QString &text);

private:
    struct Row
    {
        QWidget *box = nullptr;
        QLabel *title = nullptr;
        QProgressBar *bar = nullptr;
        QToolButton *cancel = nullptr;
        QString titleText;
    };
    void addRow(core::JobRunner::JobId id, const QString &kind, const QString &title);
    void updateRow(core::JobRunner::JobId id, const core::JobProgress &p);
    void endRow(core::JobRunner::JobId id, const core::JobOutcome &outcome);
    void clearRows();
    void updateVisibility();

    QPointer<core::JobRunner> m_runner;
    QHash<core::JobRunner::JobId, Row> m_rows;
    QHBoxLayout *m_layout;
    QLabel *m_message;
    int m_messageTimeout = 10000;
    int m_messageSerial = 0;
};

} // namespace ms::ui
