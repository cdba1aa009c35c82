#include "ui/jobstatusview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QToolButton>

namespace ms::ui {

JobStatusView::JobStatusView(QWidget *parent)
    : QWidget(parent), m_layout(new QHBoxLayout(this)), m_message(new QLabel(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_message->setObjectName(QStringLiteral("jobMessage"));
    m_message->setVisible(false);
    m_layout->addWidget(m_message);
    updateVisibility();
}

void JobStatusView::setRunner(core::JobRunner *runner)
{
    if (m_runner)
        disconnect(m_runner, nullptr, this, nullptr);
    clearRows();
    m_runner = runner;
    if (runner) {
        connect(runner, &core::JobRunner::started, this, &JobStatusView::addRow);
        connect(runner, &core::JobRunner::progressed, this, &JobStatusView::updateRow);
        connect(runner, &core::JobRunner::finished, this, &JobStatusView::endRow);
        for (const auto &info : runner->running())
            addRow(info.id, info.kind, info.title);
    }
    updateVisibility();
}

void JobStatusView::addRow(core::JobRunner::JobId id, const QString &kind, const QString &title)
{
    if (m_rows.contains(id))
        return;
    // A job superseded in its slot (the waveform of a film switched away
    // from) never reports finished(): its row goes when another job starts.
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (m_runner && !m_runner->isRunning(it.key())) {
            delete it->box;
            it = m_rows.erase(it);
        } else {
            ++it;
        }
    }
    Row row;
    row.titleText = title;
    row.box = new QWidget(this);
    auto *layout = new QHBoxLayout(row.box);
    layout->setContentsMargins(0, 0, 0, 0);
    row.title = new QLabel(title, row.box);
    row.title->setObjectName(QStringLiteral("title-%1").arg(kind));
    row.bar = new QProgressBar(row.box);
    row.bar->setObjectName(QStringLiteral("progress-%1").arg(kind));
    row.bar->setMaximumWidth(160);
    row.bar->setRange(0, 0); // busy until the job says how far it is
    row.cancel = new QToolButton(row.box);
    row.cancel->setObjectName(QStringLiteral("cancel-%1").arg(kind));
    row.cancel->setText(tr("Cancel"));
    row.cancel->setToolTip(tr("Stop: %1").arg(title));
    connect(row.cancel, &QToolButton::clicked, this, [this, id] {
        if (m_runner)
            m_runner->cancel(id);
        if (auto it = m_rows.find(id); it != m_rows.end())
            it->cancel->setEnabled(false); // until the job has stopped
    });
    layout->addWidget(row.title);
    layout->addWidget(row.bar);
    layout->addWidget(row.cancel);
    m_layout->insertWidget(m_layout->count() - 1, row.box);
    m_rows.insert(id, row);
    updateVisibility();
}

void JobStatusView::updateRow(core::JobRunner::JobId id, const core::JobProgress &p)
{
    const auto it = m_rows.constFind(id);
    if (it == m_rows.cend())
        return;
    QProgressBar *bar = it->bar;
    if (p.total > 0 && p.done >= 0) {
        bar->setRange(0, int(std::min<qint64>(p.total, INT_MAX)));
        bar->setValue(int(std::min(p.done, p.total)));
        bar->setFormat(QStringLiteral("%v/%m"));
    } else if (p.fraction >= 0) {
        bar->setRange(0, 1000);
        bar->setValue(int(std::min(1.0, p.fraction) * 1000));
        bar->setFormat(QStringLiteral("%p%"));
    } else {
        bar->setRange(0, 0);
    }
    bar->setToolTip(p.text);
    it->title->setToolTip(p.text);
}

void JobStatusView::endRow(core::JobRunner::JobId id, const core::JobOutcome &outcome)
{
    const auto it = m_rows.find(id);
    if (it == m_rows.end())
        return;
    const QString title = it->titleText;
    delete it->box;
    m_rows.erase(it);
    QString text;
    if (outcome.isFailed())
        text = tr("%1 failed: %2").arg(title, outcome.message);
    else if (outcome.isCancelled())
        text = outcome.message.isEmpty() ? tr("%1 cancelled.").arg(title)
                                         : tr("%1 cancelled: %2").arg(title, outcome.message);
    if (!text.isEmpty()) {
        m_message->setText(text);
        m_message->setVisible(true);
        const int serial = ++m_messageSerial;
        // Only the latest message is taken down by its timer.
        QTimer::singleShot(m_messageTimeout, this, [this, serial] {
            if (serial != m_messageSerial)
                return;
            m_message->setVisible(false);
            updateVisibility();
        });
        Q_EMIT message(text);
    }
    updateVisibility();
}

void JobStatusView::clearRows()
{
    for (const Row &row : std::as_const(m_rows))
        delete row.box;
    m_rows.clear();
}

void JobStatusView::updateVisibility()
{
    setVisible(!m_rows.isEmpty() || !m_message->isHidden());
}

} // namespace ms::ui
