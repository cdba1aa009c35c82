#pragma once

#include "core/conceptkeymap.h"
#include "core/level.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace ms::ui {

class AnnotationController;
class ProjectDocument;

// The selected clip's annotation: three level buttons, the taxonomy's concepts
// as checkboxes grouped by modality, and a note. The panel only shows what the
// repository holds and forwards clicks to AnnotationController; after every
// change (its own or an undo) it re-reads the clip, so it cannot drift from
// the file.
class AnnotationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AnnotationPanel(AnnotationController *controller, QWidget *parent = nullptr);

    void setDocument(ProjectDocument *document);
    // 0 for none.
    void setClip(qint64 clipId);
    qint64 clipId() const { return m_clipId; }

    QAbstractButton *levelButton(core::Level level) const;
    // nullptr when the taxonomy has no such concept.
    QCheckBox *conceptBox(const QString &name) const;
    QLineEdit *noteEdit() const { return m_note; }
    QAbstractButton *clearButton() const;

    // The concept type-ahead (key /): a filter field over the concepts; a few
    // letters narrow them, Up/Down choose, Enter ticks (or unticks) the chosen
    // one as one undoable change and gives the keyboard back; Escape closes.
    void openConceptFilter();
    QLineEdit *conceptFilter() const { return m_filter; }
    // The concept Enter would toggle now; empty when none matches.
    QString filterChoice() const;
    const core::ConceptKeyMap &conceptKeys() const { return m_keys; }
    // Asks for the concept's key (right-click on its checkbox) and stores it
    // through the controller (undoable).
    void editConceptKey(const QString &conceptName);

    // Saves a note typed but not yet confirmed (before closing or switching project).
    void commitPendingEdits();

    // Re-reads the clip's effective annotation from the document.
    void refresh();

signals:
    // The concepts offered for new annotations (not retired), in taxonomy
    // order, with their keys; after every rebuild (project open, taxonomy change).
    void conceptKeysChanged(const QList<std::pair<QString, QChar>> &keys);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildConcepts();
    void commitNote();
    void applyFilter();
    void closeFilter();
    void acceptFilter();
    // The visible boxes, filtered, best match first.
    QStringList filterMatches() const;

    AnnotationController *m_controller;
    QPointer<ProjectDocument> m_document;
    qint64 m_clipId = 0;
    QLabel *m_title;
    QLabel *m_details;
    QHash<int, QPushButton *> m_levelButtons; // by int(core::Level)
    QWidget *m_conceptArea;
    QVBoxLayout *m_conceptLayout;
    QList<QGroupBox *> m_groups;
    QHash<QString, QCheckBox *> m_conceptBoxes;
    QLineEdit *m_note;
    QPushButton *m_clear;
    QLabel *m_hint;
    core::ConceptKeyMap m_keys;
    QLineEdit *m_filter;
    QLabel *m_filterHint;
    int m_filterIndex = 0;
    QPointer<QWidget> m_focusBeforeFilter;
};

} // namespace ms::ui
