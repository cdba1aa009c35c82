#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace ms::ui {

// Asks where to write the CMAD/M-CMSD splits, how many folds and which seed;
// MainWindow::exportSplits() does the writing.
class ExportSplitsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportSplitsDialog(const QString &startFolder, QWidget *parent = nullptr);

    QString folder() const;
    int folds() const;
    quint64 seed() const;

private:
    QLineEdit *m_folder;
    QSpinBox *m_folds;
    QSpinBox *m_seed;
    QDialogButtonBox *m_buttons;
};

} // namespace ms::ui
