#pragma once

#include "core/labelrule.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace ms::ui {

class LabelRuleCombo;

// Asks where to write the CMAD/M-CMSD splits, how many folds, which seed and
// which label rule (the view's by default); MainWindow::exportSplits() does
// the writing.
class ExportSplitsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportSplitsDialog(const QString &startFolder, QWidget *parent = nullptr);
    // The rules offered (the project's annotators) and the one chosen first.
    void setLabelRules(const QStringList &annotators, const core::LabelRule &current);
    core::LabelRule labelRule() const;

    QString folder() const;
    int folds() const;
    quint64 seed() const;

private:
    QLineEdit *m_folder;
    QSpinBox *m_folds;
    QSpinBox *m_seed;
    LabelRuleCombo *m_labelRule;
    QDialogButtonBox *m_buttons;
};

} // namespace ms::ui
