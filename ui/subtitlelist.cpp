#include "ui/subtitlelist.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>

namespace ms::ui {

SubtitleList::SubtitleList(QWidget *parent)
    : QWidget(parent), m_source(new QLabel(this)), m_list(new QListWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_source);
    layout->addWidget(m_list);
    m_source->setWordWrap(true);
    m_list->setWordWrap(true);
    m_list->setUniformItemSizes(false);
    m_list->setFocusPolicy(Qt::NoFocus);
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const int i = m_list->row(item);
        if (i >= 0 && i < m_cues.size())
            emit seekRequested(m_cues[i].startMs);
    });
    setCues({}, tr("No subtitles"));
}

void SubtitleList::setCues(QList<core::SubtitleCue> cues, const QString &source)
{
    std::stable_sort(cues.begin(), cues.end(),
                     [](const auto &a, const auto &b) { return a.startMs < b.startMs; });
    m_cues = std::move(cues);
    m_current = -1;
    m_source->setText(source);
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const core::SubtitleCue &c : std::as_const(m_cues)) {
        const qint64 s = c.startMs / 1000;
        m_list->addItem(QStringLiteral("%1:%2:%3  %4")
                            .arg(s / 3600)
                            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                            .arg(s % 60, 2, 10, QLatin1Char('0'))
                            .arg(QString(c.text).replace(QLatin1Char('\n'), QLatin1Char(' '))));
    }
}

int SubtitleList::cueAt(const QList<core::SubtitleCue> &cues, qint64 ms)
{
    auto it = std::upper_bound(cues.cbegin(), cues.cend(), ms,
                               [](qint64 t, const core::SubtitleCue &c) { return t < c.startMs; });
    // Overlapping cues: look back a few for one still shown.
    for (int i = int(it - cues.cbegin()) - 1, n = 0; i >= 0 && n < 8; --i, ++n)
        if (cues[i].endMs > ms)
            return i;
    return -1;
}

void SubtitleList::setPosition(qint64 ms)
{
    const int i = cueAt(m_cues, ms);
    if (i == m_current)
        return;
    m_current = i;
    const QSignalBlocker block(m_list);
    if (i < 0) {
        m_list->clearSelection();
        return;
    }
    m_list->setCurrentRow(i);
    m_list->scrollToItem(m_list->item(i), QAbstractItemView::PositionAtCenter);
}

} // namespace ms::ui
