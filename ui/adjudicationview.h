#pragma once

#include "core/annotation.h"
#include "core/clipdisagreement.h"
#include "database/annotationrepository.h"

#include <QHash>
#include <QPointer>
#include <QUndoStack>
#include <QWidget>
#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace ms::ui {

class ProjectDocument;

// Adjudication (issue 14): the clips whose annotators disagree on the level
// or the concepts, each annotator's annotation side by side with the
// consensus, filterable by film and by kind of disagreement. Keys 1..9 take
// the annotator of that column as the clip's consensus; E edits the
// consensus (level, concepts, note); Delete withdraws it. A decision is
// stored as the annotator "consensus" by the coordinator (the history's
// source "adjudication:NAME", with the time), pushed on the window's undo
// stack (Ctrl+Z / Ctrl+Shift+Z here too) and committed at once.
class AdjudicationView : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Any, Level, Concepts };
    // Fixed columns; the annotators' follow Film, then Consensus and Decided.
    enum Column { ClipColumn, FilmColumn, DisagreementColumn, FirstAnnotatorColumn };

    explicit AdjudicationView(QWidget *parent = nullptr);

    // Decisions go on `stack` (the annotation controller's); without one the
    // view keeps its own.
    void setUndoStack(QUndoStack *stack);
    QUndoStack *undoStack() const { return m_stack; }
    // The coordinator's name for each decision; empty cancels it.
    void setDeciderProvider(std::function<QString()> provider);

    // Reads the document again (nullptr: empty) and follows its changes.
    void refresh(ProjectDocument *document);
    // refresh(), then shows the window raised (View > Adjudicate Disagreements).
    void showFor(ProjectDocument *document);

    // The annotators of the columns, in order (consensus left out).
    const QStringList &annotators() const { return m_annotators; }
    QTableWidget *table() const { return m_table; }
    QComboBox *filmFilter() const { return m_film; }
    QComboBox *kindFilter() const { return m_kind; }
    QCheckBox *undecidedOnly() const { return m_undecided; }
    // Clips listed, in order, after the filters.
    QList<qint64> shownClips() const;
    qint64 currentClip() const;
    bool selectClip(qint64 clipId);
    // Every clip with a disagreement (before the filters).
    int disagreements() const { return int(m_rows.size()); }

    // The annotation of annotators()[index] becomes the current clip's
    // consensus. False when nothing changed (lastError() says why, if not
    // simply nothing to do).
    bool takeAnnotator(int index);
    // The coordinator's own consensus for a clip (no level: withdraw it).
    bool setConsensus(qint64 clipId, const db::AnnotationState &state);
    bool clearConsensus() { return setConsensus(currentClip(), {}); }
    // Opens the consensus editor on the current clip.
    void editConsensus();
    QString lastError() const { return m_lastError; }

signals:
    // A clip double-clicked: the window shows it.
    void clipActivated(qint64 clipId);
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        qint64 clipId = 0;
        QString clip, movie;
        core::ClipDisagreement disagreement;
        QHash<QString, core::Annotation> byAnnotator;
        std::optional<core::Annotation> consensus;
        QString decidedBy;
        QDateTime decidedAt;
    };
    void reload();
    void fill();
    bool fail(const QString &message);
    static QString cellText(const core::Annotation &a);

    QPointer<ProjectDocument> m_document;
    QUndoStack *m_ownStack;
    QPointer<QUndoStack> m_stack;
    std::function<QString()> m_decider;
    QStringList m_annotators;
    QList<Row> m_rows;
    QList<int> m_shown; // indexes into m_rows, in table order
    QString m_lastError;
    QLabel *m_summary;
    QComboBox *m_film, *m_kind;
    QCheckBox *m_undecided;
    QTableWidget *m_table;
};

} // namespace ms::ui
