#include "ui/labelrulecombo.h"

namespace ms::ui {

LabelRuleCombo::LabelRuleCombo(QWidget *parent) : QComboBox(parent)
{
    setAnnotators({});
    setToolTip(tr("Which annotation gives a clip its label when several annotators annotated it"));
    connect(this, &QComboBox::currentIndexChanged, this, [this] { emit ruleChanged(rule()); });
}

QString LabelRuleCombo::textOf(const core::LabelRule &rule)
{
    switch (rule.kind()) {
    case core::LabelRule::Kind::Latest:
        return tr("Latest (newest annotation)");
    case core::LabelRule::Kind::Majority:
        return tr("Majority (ties to HN)");
    case core::LabelRule::Kind::Consensus:
        return tr("Consensus (adjudicated)");
    case core::LabelRule::Kind::Annotator:
        return tr("Annotator: %1").arg(rule.annotatorName());
    }
    return {};
}

void LabelRuleCombo::setAnnotators(const QStringList &annotators)
{
    const core::LabelRule current = count() ? rule() : core::LabelRule();
    const QSignalBlocker block(this);
    clear();
    for (const core::LabelRule &r :
         {core::LabelRule::latest(), core::LabelRule::majority(), core::LabelRule::consensus()}) {
        addItem(textOf(r), r.toString());
        setItemData(count() - 1, r.description(), Qt::ToolTipRole);
    }
    for (const QString &name : annotators)
        if (name != core::LabelRule::consensusAnnotator()) {
            const auto r = core::LabelRule::annotator(name);
            addItem(textOf(r), r.toString());
            setItemData(count() - 1, r.description(), Qt::ToolTipRole);
        }
    setRule(current);
}

void LabelRuleCombo::setAnnotatorSource(std::function<QStringList()> source)
{
    m_source = std::move(source);
    if (m_source)
        setAnnotators(m_source());
}

void LabelRuleCombo::showPopup()
{
    if (m_source)
        setAnnotators(m_source());
    QComboBox::showPopup();
}

core::LabelRule LabelRuleCombo::rule() const
{
    return core::LabelRule::parse(currentData().toString()).value_or(core::LabelRule());
}

void LabelRuleCombo::setRule(const core::LabelRule &rule)
{
    int i = findData(rule.toString());
    if (i < 0) {
        addItem(textOf(rule), rule.toString());
        i = count() - 1;
    }
    setCurrentIndex(i);
}

} // namespace ms::ui
