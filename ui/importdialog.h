#pragma once

#include "core/obygazereader.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace ms::ui {

// Asks for an annotation table, its format and, for ObyGaze tables, what
// "Not Sure" becomes. Only collects choices: MainWindow::importAnnotations()
// does the work, so the import is testable without the dialog.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportDialog(const QString &startFolder, QWidget *parent = nullptr);

    QString path() const;
    QString format() const; // "obygaze" or "modalscope"
    core::NotSureRule notSureRule() const;

private:
    void updateState();

    QString m_startFolder;
    QLineEdit *m_path;
    QComboBox *m_format;
    QComboBox *m_notSure;
    QDialogButtonBox *m_buttons;
};

} // namespace ms::ui
