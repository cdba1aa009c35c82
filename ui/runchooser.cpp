#include "ui/runchooser.h"

#include "ui/overlaybuilder.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>
#include <algorithm>

namespace ms::ui {

RunChooser::RunChooser(QWidget *parent) : QWidget(parent), m_combo(new QComboBox(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(4, 0, 4, 0);
    // As when the row was a sub-layout of the timeline area's column.
    row->setSpacing(2);
    auto *label = new QLabel(tr("&Run:"), this);
    m_combo->setObjectName(QStringLiteral("runChooser"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setToolTip(tr("A run's stored explanations on the timeline: scores, attention "
                           "and attribution errors per modality"));
    label->setBuddy(m_combo);
    auto *refresh = new QToolButton(this);
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Read the project's explanations again (after "
                           "\"modalscope-cli explain\")"));
    connect(refresh, &QToolButton::clicked, this, &RunChooser::refreshRequested);
    connect(m_combo, &QComboBox::activated, this,
            [this](int index) { emit chosen(m_combo->itemData(index).toLongLong()); });
    row->addWidget(label);
    row->addWidget(m_combo);
    row->addWidget(refresh);
    row->addStretch(1);
    setSets({});
}

void RunChooser::setSets(const QList<db::ExplanationSet> &sets)
{
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    m_combo->addItem(sets.isEmpty() ? tr("none stored") : tr("none"), qint64(0));
    for (const db::ExplanationSet &s : sets)
        m_combo->addItem(OverlayBuilder::setName(s), s.id);
    m_combo->setEnabled(!sets.isEmpty());
}

void RunChooser::setCurrent(qint64 setId)
{
    const QSignalBlocker block(m_combo);
    m_combo->setCurrentIndex(std::max(0, m_combo->findData(setId)));
}

qint64 RunChooser::current() const
{
    return m_combo->currentData().toLongLong();
}

bool RunChooser::contains(qint64 setId) const
{
    return setId != 0 && m_combo->findData(setId) > 0;
}

int RunChooser::setCount() const
{
    return m_combo->count() - 1;
}

} // namespace ms::ui
