#pragma once

#include "core/labelrule.h"

#include <QComboBox>
#include <functional>

namespace ms::ui {

// Chooses a core::LabelRule: latest, majority (ties to HN), consensus, or
// one of the project's annotators. The export dialog and the training panel
// use it so each export and run names the rule it used.
class LabelRuleCombo : public QComboBox
{
    Q_OBJECT
public:
    explicit LabelRuleCombo(QWidget *parent = nullptr);

    // The annotators offered after the three rules ("consensus" left out:
    // the consensus rule covers it). Keeps the current rule.
    void setAnnotators(const QStringList &annotators);
    core::LabelRule rule() const;
    // An annotator not offered yet is added.
    void setRule(const core::LabelRule &rule);

    // For menus and the combo: "Majority (ties to HN)", "Annotator: bob".
    static QString textOf(const core::LabelRule &rule);
    // Asked for the annotators each time the list opens (they change as
    // people annotate); throws nothing.
    void setAnnotatorSource(std::function<QStringList()> source);
    void showPopup() override;

signals:
    void ruleChanged(const core::LabelRule &rule);

private:
    std::function<QStringList()> m_source;
};

} // namespace ms::ui
