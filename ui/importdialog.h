#pragma once

// The registry and the ObyGaze option key are what MainWindow::importAnnotations()
// needs to act on this dialog's choices; they come with it.
#include "core/formats/formatregistry.h"
#include "core/formats/obygazeformat.h"
#include "core/obygazereader.h"

#include <QDialog>
#include <QHash>
#include <QList>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace ms::ui {

// Asks for an annotation table, its format and the format's options. The
// formats, their file filters and options come from core::FormatRegistry, so
// a new format shows up here unchanged. Only collects choices:
// MainWindow::importAnnotations() does the work, so the import is testable
// without the dialog.
//
// A format whose file has named parts (ELAN's tiers: AnnotationFormat::parts)
// gets a table of them, each with its role (clips, level, concepts, ignore;
// the naming convention's by default), the words found on the tiers given
// the level role that are no level by themselves, each mapped to EN, HN or S
// by the user, and the film of tiers that do not name one. A preview reads
// the file with the choices as they stand and shows the clips it would
// import, or the reader's message, so a mapping is right before the project
// changes.
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

    // The file's parts as listed (empty for a format without them) and the
    // role chosen for part `id` ("clips", "level", ...); setPartRole() is
    // what the role list does.
    QStringList parts() const;
    QString partRole(const QString &id) const;
    bool setPartRole(const QString &id, const QString &role);
    // The words on level tiers that need a meaning, and the meaning chosen
    // ("EN", "HN", "S"; empty: none yet).
    QStringList levelWords() const;
    bool setLevelWord(const QString &word, const QString &levelCode);
    // The preview as it stands: the records the import would bring, or the
    // reader's message (previewError()).
    int previewRecords() const { return m_previewCount; }
    QString previewError() const { return m_previewError; }

private:
    void updateState();
    void reloadParts();
    void rebuildLevelWords();
    void refreshPreview();

    struct OptionRow
    {
        QString key;
        QComboBox *box = nullptr;
    };

    QString m_startFolder;
    QLineEdit *m_path;
    QComboBox *m_format;
    QList<OptionRow> m_options;
    QGroupBox *m_partsBox;
    QTableWidget *m_parts;
    QList<core::FormatPart> m_partList;
    QTableWidget *m_levelWords;
    QLineEdit *m_movie;
    QLabel *m_previewStatus;
    QTableWidget *m_preview;
    QDialogButtonBox *m_buttons;
    QString m_loadedParts; // "format|path" of m_partList
    // What the user chose, by tier and by word: kept while the format or
    // the file changes, so going back finds the mapping as it was.
    QHash<QString, QString> m_chosenRoles, m_levelMeanings;
    int m_previewCount = 0;
    QString m_previewError;
};

} // namespace ms::ui
