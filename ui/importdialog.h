#pragma once

// The registry and the ObyGaze option key are what MainWindow::importAnnotations()
// needs to act on this dialog's choices; they come with it.
#include "core/formats/formatregistry.h"
#include "core/formats/obygazeformat.h"
#include "core/obygazereader.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace ms::ui {

// Asks for an annotation table, its format and the format's options. The
// formats, their file filters and options come from core::FormatRegistry, so
// a new format shows up here unchanged. Only collects choices:
// MainWindow::importAnnotations() does the work, so the import is testable
// without the dialog.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportDialog(const QString &startFolder, QWidget *parent = nullptr);

    QString path() const;
    QString format() const; // a registered format id
    // The chosen value of every option of the chosen format.
    core::FormatOptionValues options() const;
    // The ObyGaze "Not Sure" choice, for MainWindow::importAnnotations()'s signature.
    core::NotSureRule notSureRule() const;

private:
    void updateState();

    struct OptionRow
    {
        QString key;
        QComboBox *box = nullptr;
    };

    QString m_startFolder;
    QLineEdit *m_path;
    QComboBox *m_format;
    QList<OptionRow> m_options;
    QDialogButtonBox *m_buttons;
};

} // namespace ms::ui
