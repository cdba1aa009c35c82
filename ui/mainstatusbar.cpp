#include "ui/mainstatusbar.h"

#include "models/torchruntime.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace ms::ui {

MainStatusBar::MainStatusBar(QWidget *parent)
    : QStatusBar(parent), m_counts(new QLabel(this)), m_device(new QLabel(this))
{
    m_counts->setObjectName(QStringLiteral("clipCounts"));
    m_device->setObjectName(QStringLiteral("deviceStatus"));
    addPermanentWidget(m_counts);
    addPermanentWidget(m_device);
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

QProgressBar *MainStatusBar::addTask(const QString &name, const QString &format,
                                     const QString &cancelTip, const std::function<void()> &cancel)
{
    auto *bar = new QProgressBar(this);
    bar->setObjectName(name);
    bar->setMaximumWidth(180);
    bar->setRange(0, 1000);
    bar->setFormat(format);
    auto *button = new QToolButton(this);
    button->setText(tr("Cancel"));
    button->setToolTip(cancelTip);
    connect(button, &QToolButton::clicked, this, [cancel] { cancel(); });
    // Tasks sit left of the counts and the device, in the order added.
    const int index = int(m_cancels.size()) * 2;
    insertPermanentWidget(index, bar);
    insertPermanentWidget(index + 1, button);
    m_cancels.insert(bar, button);
    setTaskBusy(bar, false);
    return bar;
}

void MainStatusBar::setTaskBusy(QProgressBar *bar, bool busy)
{
    // Kept when it ends: the bar's last value says how far the work got.
    if (busy)
        bar->setValue(0);
    bar->setVisible(busy);
    if (QToolButton *button = m_cancels.value(bar))
        button->setVisible(busy);
}

} // namespace ms::ui
