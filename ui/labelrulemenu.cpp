#include "ui/labelrulemenu.h"

#include "core/error.h"
#include "ui/labelrulecombo.h"
#include "ui/projectdocument.h"

#include <QActionGroup>

namespace ms::ui {

LabelRuleMenu::LabelRuleMenu(QWidget *parent) : QMenu(parent)
{
    setObjectName(QStringLiteral("labelRuleMenu"));
    connect(this, &QMenu::aboutToShow, this, &LabelRuleMenu::rebuild);
    setDocument(nullptr);
}

void LabelRuleMenu::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, &ProjectDocument::labelRuleChanged, this, nullptr);
    m_document = document;
    if (m_document)
        connect(m_document, &ProjectDocument::labelRuleChanged, this, &LabelRuleMenu::updateTitle);
    rebuild();
    updateTitle();
}

void LabelRuleMenu::updateTitle()
{
    const core::LabelRule rule = m_document ? m_document->labelRule() : core::LabelRule();
    setTitle(tr("&Labels From: %1").arg(LabelRuleCombo::textOf(rule)));
    setEnabled(m_document);
}

void LabelRuleMenu::rebuild()
{
    clear();
    if (!m_document)
        return;
    QStringList annotators;
    try {
        annotators = m_document->annotators();
    } catch (const core::UserError &) {
    }
    auto *group = new QActionGroup(this);
    const core::LabelRule current = m_document->labelRule();
    auto add = [&](const core::LabelRule &rule) {
        QAction *a = addAction(LabelRuleCombo::textOf(rule));
        a->setCheckable(true);
        a->setChecked(rule == current);
        a->setToolTip(rule.description());
        a->setStatusTip(rule.description());
        a->setData(rule.toString());
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, rule] {
            if (m_document)
                m_document->setLabelRule(rule);
        });
    };
    add(core::LabelRule::latest());
    add(core::LabelRule::majority());
    add(core::LabelRule::consensus());
    bool currentListed = current.kind() != core::LabelRule::Kind::Annotator;
    bool separated = false;
    for (const QString &name : annotators) {
        if (name == core::LabelRule::consensusAnnotator())
            continue;
        if (!separated) {
            addSeparator();
            separated = true;
        }
        add(core::LabelRule::annotator(name));
        currentListed = currentListed || name == current.annotatorName();
    }
    if (!currentListed)
        add(current);
}

} // namespace ms::ui
