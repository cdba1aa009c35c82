#include "ui/adjudicationview.h"

#include "core/error.h"
#include "core/labelrule.h"
#include "core/taxonomy.h"
#include "ui/projectdocument.h"
#include "ui/setconsensuscommand.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSet>
#include <QShortcut>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace ms::ui {

AdjudicationView::AdjudicationView(QWidget *parent)
    : QWidget(parent), m_ownStack(new QUndoStack(this)), m_summary(new QLabel(this)),
      m_film(new QComboBox(this)), m_kind(new QComboBox(this)),
      m_undecided(new QCheckBox(tr("&Undecided only"), this)), m_table(new QTableWidget(this))
{
    setWindowFlag(Qt::Window);
    setWindowTitle(tr("Adjudicate Disagreements"));
    resize(1100, 560);
    auto *layout = new QVBoxLayout(this);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("adjudicationSummary"));
    layout->addWidget(m_summary);

    auto *top = new QHBoxLayout;
    auto *filmLabel = new QLabel(tr("&Film:"), this);
    filmLabel->setBuddy(m_film);
    top->addWidget(filmLabel);
    top->addWidget(m_film);
    auto *kindLabel = new QLabel(tr("&Disagreement on:"), this);
    kindLabel->setBuddy(m_kind);
    top->addWidget(kindLabel);
    m_kind->addItem(tr("Level or concepts"), int(Kind::Any));
    m_kind->addItem(tr("Level"), int(Kind::Level));
    m_kind->addItem(tr("Concepts"), int(Kind::Concepts));
    top->addWidget(m_kind);
    top->addWidget(m_undecided);
    top->addStretch(1);
    layout->addLayout(top);

    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    layout->addWidget(m_table, 1);
    auto *help = new QLabel(tr("Keys: 1\u20139 take that annotator's annotation as the consensus, "
                               "E edits the consensus, Delete withdraws it, Ctrl+Z undoes. "
                               "Double-click shows the clip in the main window."),
                            this);
    help->setWordWrap(true);
    layout->addWidget(help);

    connect(m_film, &QComboBox::currentIndexChanged, this, &AdjudicationView::fill);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AdjudicationView::fill);
    connect(m_undecided, &QCheckBox::toggled, this, &AdjudicationView::fill);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row >= 0 && row < m_shown.size())
            emit clipActivated(m_rows[m_shown[row]].clipId);
    });

    for (int i = 0; i < 9; ++i) {
        auto *key = new QShortcut(QKeySequence(Qt::Key_1 + i), this);
        connect(key, &QShortcut::activated, this, [this, i] { takeAnnotator(i); });
    }
    connect(new QShortcut(QKeySequence(Qt::Key_E), this), &QShortcut::activated, this,
            &AdjudicationView::editConsensus);
    connect(new QShortcut(QKeySequence::Delete, this), &QShortcut::activated, this,
            &AdjudicationView::clearConsensus);
    setUndoStack(nullptr);
    refresh(nullptr);
}

void AdjudicationView::setUndoStack(QUndoStack *stack)
{
    m_stack = stack ? stack : m_ownStack;
    for (QAction *a : actions())
        if (a->property("undoRedo").toBool()) {
            removeAction(a);
            a->deleteLater();
        }
    QAction *undo = m_stack->createUndoAction(this);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_stack->createRedoAction(this);
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    for (QAction *a : {undo, redo}) {
        a->setProperty("undoRedo", true);
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
    }
}

void AdjudicationView::setDeciderProvider(std::function<QString()> provider)
{
    m_decider = std::move(provider);
}

void AdjudicationView::showFor(ProjectDocument *document)
{
    refresh(document);
    show();
    raise();
    activateWindow();
}

void AdjudicationView::refresh(ProjectDocument *document)
{
    if (document != m_document) {
        if (m_document)
            m_document->disconnect(this);
        m_document = document;
        if (m_document) {
            // Decisions made here, in the main window or by undo: read again.
            // A hidden view is read again by showFor().
            auto again = [this] {
                if (isVisible())
                    reload();
            };
            connect(m_document, &ProjectDocument::annotationChanged, this, again);
            connect(m_document, &ProjectDocument::reloaded, this, again);
        }
        const QSignalBlocker block(m_film);
        m_film->clear();
    }
    reload();
}

QString AdjudicationView::cellText(const core::Annotation &a)
{
    QString text = core::levelCode(a.level);
    if (!a.concepts.isEmpty())
        text += QStringLiteral(" \u00b7 ") + a.concepts.join(QStringLiteral(", "));
    return text;
}

void AdjudicationView::reload()
{
    m_rows.clear();
    m_annotators.clear();
    m_lastError.clear();
    if (!m_document) {
        m_summary->setText(tr("Open a project to adjudicate its annotators' disagreements."));
        fill();
        return;
    }
    QList<core::Annotation> all;
    QHash<qint64, db::HistoryEntry> decisions;
    try {
        all = m_document->annotatorAnnotations();
        decisions = m_document->latestChanges(core::LabelRule::consensusAnnotator());
    } catch (const core::UserError &e) {
        m_summary->setText(e.message());
        fill();
        return;
    }
    QHash<QString, qint64> clipIds;
    for (const core::Clip &c : m_document->clips())
        clipIds.insert(c.name, c.id);
    // annotatorAnnotations() is ordered by film and clip: one group per clip.
    QList<core::Annotation> group;
    QSet<QString> names;
    auto flush = [&] {
        if (group.isEmpty())
            return;
        const core::ClipDisagreement d = core::ClipDisagreement::of(group);
        if (d.any()) {
            Row r;
            r.clip = group.first().clipName;
            r.movie = group.first().movieId;
            r.clipId = clipIds.value(r.clip);
            r.disagreement = d;
            for (const core::Annotation &a : std::as_const(group)) {
                if (a.annotator == core::LabelRule::consensusAnnotator())
                    r.consensus = a;
                else
                    r.byAnnotator.insert(a.annotator, a);
            }
            if (r.consensus) {
                const db::HistoryEntry e = decisions.value(r.clipId);
                r.decidedBy = SetConsensusCommand::deciderOf(e.source);
                r.decidedAt = e.changedAt;
            }
            m_rows.append(r);
        }
        group.clear();
    };
    for (const core::Annotation &a : std::as_const(all)) {
        if (!group.isEmpty() &&
            (group.first().clipName != a.clipName || group.first().movieId != a.movieId))
            flush();
        group.append(a);
        if (a.annotator != core::LabelRule::consensusAnnotator())
            names.insert(a.annotator);
    }
    flush();
    m_annotators = QStringList(names.cbegin(), names.cend());
    m_annotators.sort();

    // Films offered: those with a disagreement; keep the chosen one.
    const QString film = m_film->currentData().toString();
    {
        const QSignalBlocker block(m_film);
        m_film->clear();
        m_film->addItem(tr("All films"), QString());
        QStringList films;
        for (const Row &r : std::as_const(m_rows))
            if (films.isEmpty() || films.last() != r.movie)
                films.append(r.movie);
        films.removeDuplicates();
        for (const QString &f : std::as_const(films))
            m_film->addItem(f, f);
        m_film->setCurrentIndex(std::max(0, m_film->findData(film)));
    }
    int decided = 0;
    for (const Row &r : std::as_const(m_rows))
        decided += r.consensus ? 1 : 0;
    if (m_annotators.size() < 2)
        m_summary->setText(tr("Adjudication needs clips annotated by at least two annotators; "
                              "this project has %n annotator(s).",
                              nullptr, int(m_annotators.size())));
    else
        m_summary->setText(tr("%1 clips on which the annotators disagree, %2 of them decided "
                              "(annotator \u201cconsensus\u201d). Annotators: %3.")
                               .arg(m_rows.size())
                               .arg(decided)
                               .arg(m_annotators.join(QStringLiteral(", "))));
    fill();
}

void AdjudicationView::fill()
{
    const qint64 keep = currentClip();
    const int keepRow = m_table->currentRow();
    const QString film = m_film->currentData().toString();
    const auto kind = Kind(m_kind->currentData().toInt());
    m_shown.clear();
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows[i];
        if (!film.isEmpty() && r.movie != film)
            continue;
        if (kind == Kind::Level && !r.disagreement.level)
            continue;
        if (kind == Kind::Concepts && !r.disagreement.concepts)
            continue;
        if (m_undecided->isChecked() && r.consensus)
            continue;
        m_shown.append(i);
    }

    const QSignalBlocker block(m_table);
    m_table->clear();
    QStringList headers = {tr("Clip"), tr("Film"), tr("Disagreement")};
    for (int i = 0; i < m_annotators.size(); ++i)
        headers.append(i < 9 ? QStringLiteral("%1  %2").arg(i + 1).arg(m_annotators[i])
                             : m_annotators[i]);
    headers.append({tr("Consensus"), tr("Decided")});
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(m_shown.size()));
    const int consensusColumn = FirstAnnotatorColumn + int(m_annotators.size());
    for (int row = 0; row < m_shown.size(); ++row) {
        const Row &r = m_rows[m_shown[row]];
        QStringList what;
        if (r.disagreement.level)
            what.append(tr("level"));
        if (r.disagreement.concepts)
            what.append(tr("concepts"));
        m_table->setItem(row, ClipColumn, new QTableWidgetItem(r.clip));
        m_table->setItem(row, FilmColumn, new QTableWidgetItem(r.movie));
        m_table->setItem(row, DisagreementColumn,
                         new QTableWidgetItem(what.join(QStringLiteral(", "))));
        for (int i = 0; i < m_annotators.size(); ++i) {
            const auto it = r.byAnnotator.constFind(m_annotators[i]);
            auto *item = new QTableWidgetItem(
                it == r.byAnnotator.constEnd() ? QStringLiteral("\u2014") : cellText(*it));
            if (it != r.byAnnotator.constEnd() && !it->note.isEmpty())
                item->setToolTip(it->note);
            m_table->setItem(row, FirstAnnotatorColumn + i, item);
        }
        auto *consensus =
            new QTableWidgetItem(r.consensus ? cellText(*r.consensus) : tr("undecided"));
        if (!r.consensus)
            consensus->setForeground(palette().color(QPalette::PlaceholderText));
        m_table->setItem(row, consensusColumn, consensus);
        m_table->setItem(
            row, consensusColumn + 1,
            new QTableWidgetItem(
                r.consensus ? tr("%1, %2").arg(r.decidedBy, r.decidedAt.toLocalTime().toString(
                                                                QStringLiteral("yyyy-MM-dd HH:mm")))
                            : QString()));
    }
    m_table->resizeColumnsToContents();
    // The same clip again, or the one that took its place (a decided clip
    // leaves the "undecided only" list: the next comes up).
    if (!selectClip(keep) && !m_shown.isEmpty())
        m_table->setCurrentCell(std::clamp(keepRow, 0, int(m_shown.size()) - 1), 0);
}

QList<qint64> AdjudicationView::shownClips() const
{
    QList<qint64> out;
    for (int i : m_shown)
        out.append(m_rows[i].clipId);
    return out;
}

qint64 AdjudicationView::currentClip() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_shown.size() ? m_rows[m_shown[row]].clipId : 0;
}

bool AdjudicationView::selectClip(qint64 clipId)
{
    for (int row = 0; clipId && row < m_shown.size(); ++row)
        if (m_rows[m_shown[row]].clipId == clipId) {
            m_table->setCurrentCell(row, 0);
            return true;
        }
    return false;
}

bool AdjudicationView::fail(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
    return false;
}

bool AdjudicationView::takeAnnotator(int index)
{
    m_lastError.clear();
    const qint64 clipId = currentClip();
    if (!clipId || index < 0 || index >= m_annotators.size())
        return false;
    const Row &r = m_rows[m_shown[m_table->currentRow()]];
    const auto it = r.byAnnotator.constFind(m_annotators[index]);
    if (it == r.byAnnotator.constEnd())
        return fail(tr("%1 did not annotate %2.").arg(m_annotators[index], r.clip));
    return setConsensus(clipId, {it->level, it->concepts, it->note});
}

bool AdjudicationView::setConsensus(qint64 clipId, const db::AnnotationState &state)
{
    m_lastError.clear();
    if (!m_document || !m_document->clip(clipId))
        return false;
    const QString decider = m_decider ? m_decider().trimmed() : QString();
    if (decider.isEmpty())
        return fail(tr("A decision needs the coordinator's name (Edit > Change Annotator)."));
    const QString &consensus = core::LabelRule::consensusAnnotator();
    const QString clipName = m_document->clip(clipId)->name;
    try {
        const db::AnnotationState before = m_document->state(clipId, consensus);
        const QString source = SetConsensusCommand::sourceFor(decider);
        if (!m_document->writeAnnotation(clipId, consensus, state, source))
            return false;
        const QString text =
            state.level ? tr("Consensus of %1: %2").arg(clipName, core::levelCode(*state.level))
                        : tr("Withdraw the consensus of %1").arg(clipName);
        m_stack->push(new SetConsensusCommand(m_document, clipId, source, before, state, text,
                                              [this](const QString &m) { fail(m); }));
        return true;
    } catch (const core::UserError &e) {
        return fail(e.message());
    }
}

void AdjudicationView::editConsensus()
{
    const qint64 clipId = currentClip();
    if (!clipId || !m_document)
        return;
    const Row &r = m_rows[m_shown[m_table->currentRow()]];
    // Start from the consensus, else the annotation of the current column's
    // annotator, else the first annotator's.
    core::Annotation start;
    const int column = m_table->currentColumn() - FirstAnnotatorColumn;
    if (r.consensus)
        start = *r.consensus;
    else if (column >= 0 && column < m_annotators.size() &&
             r.byAnnotator.contains(m_annotators[column]))
        start = r.byAnnotator.value(m_annotators[column]);
    else if (!r.byAnnotator.isEmpty())
        start = r.byAnnotator.value(m_annotators.value(0), r.byAnnotator.cbegin().value());

    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("consensusEditor"));
    dialog.setWindowTitle(tr("Consensus of %1").arg(r.clip));
    auto *form = new QFormLayout(&dialog);
    auto *level = new QComboBox(&dialog);
    level->setObjectName(QStringLiteral("consensusLevel"));
    for (core::Level l : {core::Level::EasyNegative, core::Level::HardNegative, core::Level::Sure})
        level->addItem(core::levelName(l), int(l));
    level->setCurrentIndex(int(start.level));
    form->addRow(tr("&Level:"), level);
    auto *concepts = new QListWidget(&dialog);
    concepts->setObjectName(QStringLiteral("consensusConcepts"));
    for (const core::Concept &c : m_document->taxonomy().concepts()) {
        if (c.retired && !start.concepts.contains(c.name))
            continue;
        const QString modality =
            c.modality ? core::modalityLetter(*c.modality) : QStringLiteral("?");
        auto *item =
            new QListWidgetItem(QStringLiteral("%1  (%2)").arg(c.name, modality), concepts);
        item->setData(Qt::UserRole, c.name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(start.concepts.contains(c.name) ? Qt::Checked : Qt::Unchecked);
    }
    form->addRow(tr("&Concepts:"), concepts);
    auto *note = new QLineEdit(start.note, &dialog);
    form->addRow(tr("&Note:"), note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    db::AnnotationState state;
    state.level = core::Level(level->currentData().toInt());
    for (int i = 0; i < concepts->count(); ++i)
        if (concepts->item(i)->checkState() == Qt::Checked)
            state.concepts.append(concepts->item(i)->data(Qt::UserRole).toString());
    state.note = note->text().trimmed();
    setConsensus(clipId, state);
}

} // namespace ms::ui
