#include "ui/mainstatusbar.h"

#include "models/torchruntime.h"
#include "ui/jobstatusview.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>
#include <algorithm>

namespace ms::ui {

MainStatusBar::MainStatusBar(QWidget *parent)
    : QStatusBar(parent), m_team(new QToolButton(this)), m_counts(new QLabel(this)), m_device(new QLabel(this)),
      m_jobs(new JobStatusView(this))
{
    m_counts->setObjectName(QStringLiteral("clipCounts"));
    m_device->setObjectName(QStringLiteral("deviceStatus"));
    m_jobs->setObjectName(QStringLiteral("jobStatus"));
    // Room for a job's row (a progress bar and a Cancel button) while none
    // runs, so the window does not shift each time a waveform starts or ends.
    {
        const QProgressBar bar(this);
        QToolButton button(this);
        button.setText(tr("Cancel"));
        m_jobs->setMinimumHeight(std::max(bar.sizeHint().height(), button.sizeHint().height()));
    }
    addPermanentWidget(m_jobs);
    m_team->setObjectName(QStringLiteral("teamStatus"));
    m_team->setAutoRaise(true);
    m_team->hide();
    connect(m_team, &QToolButton::clicked, this, &MainStatusBar::teamSyncRequested);
    addPermanentWidget(m_team);
    addPermanentWidget(m_counts);
    addPermanentWidget(m_device);
    connect(m_jobs, &JobStatusView::message, this,
            [this](const QString &text) { showMessage(text, 10000); });
}

void MainStatusBar::showCounts(const std::optional<Counts> &counts, const QString &annotator)
{
    const QString who =
        annotator.isEmpty() ? tr("annotator not set") : tr("annotator: %1").arg(annotator);
    if (!counts) {
        m_counts->setText(who);
        return;
    }
    const QLocale loc;
    QString text = tr("%1 clips \u00b7 %2 annotated")
                       .arg(loc.toString(counts->clips), loc.toString(counts->annotated));
    if (counts->shown != counts->clips)
        text += tr(" \u00b7 %1 shown").arg(loc.toString(counts->shown));
    m_counts->setText(text + QStringLiteral(" \u00b7 ") + who);
}

void MainStatusBar::showTeamStatus(const QString &text, const QString &toolTip)
{
    m_team->setText(text);
    m_team->setToolTip(toolTip);
    m_team->setVisible(!text.isEmpty());
}

QString MainStatusBar::teamStatusText() const
{
    return m_team->text();
}

QString MainStatusBar::countsText() const
{
    return m_counts->text();
}

void MainStatusBar::showRuntime(const models::TorchRuntime &runtime)
{
    m_device->setText(runtime.device.startsWith(u"cuda")
                          ? tr("Device: CUDA")
                          : tr("Device: CPU, %1 threads").arg(runtime.threads));
    m_device->setToolTip(tr("Training runs on: %1").arg(runtime.describe()));
}

void MainStatusBar::showDevice(const QString &device)
{
    m_device->setText(tr("Device: %1").arg(device));
}

QString MainStatusBar::deviceText() const
{
    return m_device->text();
}

void MainStatusBar::followJobs(core::JobRunner *runner)
{
    m_jobs->setRunner(runner);
}

} // namespace ms::ui
