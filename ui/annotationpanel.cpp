#include "ui/annotationpanel.h"

#include "core/error.h"
#include "core/taxonomy.h"
#include "ui/annotationcontroller.h"
#include "ui/cliptablemodel.h"
#include "ui/levelpalette.h"
#include "ui/projectdocument.h"

#include <QApplication>
#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace ms::ui {

namespace {

constexpr std::array<core::Level, 3> kLevels = {core::Level::EasyNegative,
                                                core::Level::HardNegative, core::Level::Sure};

QString groupTitle(std::optional<core::Modality> m)
{
    if (!m)
        return AnnotationPanel::tr("No modality");
    switch (*m) {
    case core::Modality::Visual:
        return AnnotationPanel::tr("Visual");
    case core::Modality::Audio:
        return AnnotationPanel::tr("Audio");
    case core::Modality::Text:
        return AnnotationPanel::tr("Textual");
    }
    return {};
}

} // namespace

AnnotationPanel::AnnotationPanel(AnnotationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_title(new QLabel(this)),
      m_details(new QLabel(this)), m_conceptArea(new QWidget), m_note(new QLineEdit(this)),
      m_clear(new QPushButton(tr("Clear My Annotation"), this)), m_hint(new QLabel(this)),
      m_filter(new QLineEdit(this)), m_filterHint(new QLabel(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *levels = new QHBoxLayout;
    int key = 1;
    for (core::Level l : kLevels) {
        auto *b = new QPushButton(
            QStringLiteral("%1  %2  [%3]").arg(core::levelCode(l), core::levelName(l)).arg(key++),
            this);
        b->setObjectName(QStringLiteral("level:%1").arg(core::levelCode(l)));
        b->setCheckable(true);
        b->setMinimumHeight(36);
        b->setToolTip(
            tr("Set the clip's level to %1 (key %2)").arg(core::levelName(l)).arg(int(l) + 1));
        // The checked button takes its level's colour, as in the table.
        b->setStyleSheet(
            QStringLiteral("QPushButton:checked { background-color: %1; color: white;"
                           " font-weight: bold; border: 1px solid %2;"
                           " border-radius: 3px; }")
                .arg(LevelPalette::color(l).name(), LevelPalette::color(l).darker(130).name()));
        connect(b, &QPushButton::clicked, this, [this, l] {
            if (m_clipId)
                m_controller->setLevel(m_clipId, l);
            refresh();
        });
        levels->addWidget(b);
        m_levelButtons.insert(int(l), b);
    }

    m_conceptLayout = new QVBoxLayout(m_conceptArea);
    m_conceptLayout->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_conceptArea);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_note->setPlaceholderText(tr("Note (saved when you press Enter or leave the field)"));
    m_note->setClearButtonEnabled(true);
    connect(m_note, &QLineEdit::editingFinished, this, &AnnotationPanel::commitNote);

    m_clear->setObjectName(QStringLiteral("clear"));
    m_clear->setToolTip(tr("Remove your annotation of this clip; other annotators' stay"));
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (m_clipId)
            m_controller->clear(m_clipId);
        refresh();
    });

    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);

    m_filter->setObjectName(QStringLiteral("conceptFilter"));
    m_filter->setPlaceholderText(tr("Find a concept: type, Up/Down, Enter ticks, Esc closes"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_filter->hide();
    m_filterHint->setObjectName(QStringLiteral("conceptFilterHint"));
    m_filterHint->hide();
    connect(m_filter, &QLineEdit::textChanged, this, [this] {
        m_filterIndex = 0;
        applyFilter();
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &AnnotationPanel::acceptFilter);

    auto *noteLabel = new QLabel(tr("&Note:"), this);
    noteLabel->setBuddy(m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addLayout(levels);
    layout->addWidget(m_hint);
    layout->addWidget(m_filter);
    layout->addWidget(m_filterHint);
    layout->addWidget(scroll, 1);
    layout->addWidget(noteLabel);
    layout->addWidget(m_note);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(m_clear);
    layout->addLayout(bottom);

    refresh();
}

void AnnotationPanel::commitPendingEdits()
{
    if (m_note->isModified())
        commitNote();
}

void AnnotationPanel::setDocument(ProjectDocument *document)
{
    commitPendingEdits();
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    m_clipId = 0;
    if (m_document) {
        connect(m_document, &ProjectDocument::annotationChanged, this, [this](qint64 id) {
            if (id == m_clipId)
                refresh();
        });
        connect(m_document, &ProjectDocument::reloaded, this, [this] {
            rebuildConcepts();
            if (m_document && !m_document->clip(m_clipId))
                m_clipId = 0;
            refresh();
        });
    }
    rebuildConcepts();
    refresh();
}

void AnnotationPanel::setClip(qint64 clipId)
{
    if (clipId == m_clipId)
        return;
    // A note typed but not yet confirmed belongs to the clip it was typed for.
    commitPendingEdits();
    m_clipId = clipId;
    refresh();
}

QAbstractButton *AnnotationPanel::levelButton(core::Level level) const
{
    return m_levelButtons.value(int(level));
}

QCheckBox *AnnotationPanel::conceptBox(const QString &name) const
{
    return m_conceptBoxes.value(core::Taxonomy::normaliseName(name));
}

QAbstractButton *AnnotationPanel::clearButton() const
{
    return m_clear;
}

void AnnotationPanel::rebuildConcepts()
{
    qDeleteAll(m_groups);
    m_groups.clear();
    m_conceptBoxes.clear();
    while (QLayoutItem *item = m_conceptLayout->takeAt(0))
        delete item;
    m_keys = m_document ? core::ConceptKeyMap(m_document->taxonomy()) : core::ConceptKeyMap();
    QList<std::pair<QString, QChar>> offered;
    if (m_document)
        for (const core::Concept &c : m_document->taxonomy().concepts())
            if (!c.retired)
                offered.append({c.name, m_keys.keyOf(c.name)});
    emit conceptKeysChanged(offered);
    if (!m_document)
        return;
    const QList<std::optional<core::Modality>> order = {
        core::Modality::Visual, core::Modality::Audio, core::Modality::Text, std::nullopt};
    for (const auto &modality : order) {
        auto *group = new QGroupBox(groupTitle(modality), m_conceptArea);
        group->setObjectName(modality
                                 ? QStringLiteral("group:%1").arg(core::modalityName(*modality))
                                 : QStringLiteral("group:none"));
        auto *grid = new QVBoxLayout(group);
        grid->setSpacing(2);
        for (const core::Concept &c : m_document->taxonomy().concepts()) {
            if (c.modality != modality)
                continue;
            const QChar key = m_keys.keyOf(c.name);
            QString text = QString(c.name).replace(u'&', QStringLiteral("&&"));
            if (!key.isNull())
                text += QStringLiteral("  [%1]").arg(key);
            auto *box = new QCheckBox(text, group);
            box->setObjectName(QStringLiteral("concept:%1").arg(c.name));
            QString tip = c.description;
            if (!key.isNull())
                tip = tr("Key %1 ticks or unticks it. %2").arg(key).arg(tip);
            if (c.retired)
                tip = tr("Retired concept, shown because this clip has it. %1").arg(tip);
            if (!modality)
                tip = tr("Added by an import; assign it a modality in the taxonomy. %1").arg(tip);
            box->setToolTip(tip.trimmed());
            const QString name = c.name;
            box->setContextMenuPolicy(Qt::CustomContextMenu);
            connect(box, &QWidget::customContextMenuRequested, this, [this, box, name](QPoint at) {
                QMenu menu;
                QAction *set = menu.addAction(tr("Set Key for %1\u2026").arg(name));
                QAction *reset = menu.addAction(tr("Default Key"));
                const core::Concept *c = m_document ? m_document->taxonomy().find(name) : nullptr;
                reset->setEnabled(c && !c->shortcut.isEmpty());
                QAction *chosen = menu.exec(box->mapToGlobal(at));
                // Queued: the edit rebuilds the checkboxes, this one included.
                if (chosen == set)
                    QMetaObject::invokeMethod(
                        this, [this, name] { editConceptKey(name); }, Qt::QueuedConnection);
                else if (chosen == reset)
                    QMetaObject::invokeMethod(
                        this, [this, name] { m_controller->setConceptKey(name, {}); },
                        Qt::QueuedConnection);
            });
            connect(box, &QCheckBox::clicked, this, [this, name](bool on) {
                if (m_clipId)
                    m_controller->setConcept(m_clipId, name, on);
                refresh();
            });
            grid->addWidget(box);
            m_conceptBoxes.insert(c.name, box);
        }
        if (grid->count() == 0) {
            delete group;
            continue;
        }
        m_groups.append(group);
        m_conceptLayout->addWidget(group);
    }
    m_conceptLayout->addStretch(1);
}

void AnnotationPanel::refresh()
{
    const core::Clip *clip = m_document ? m_document->clip(m_clipId) : nullptr;
    std::optional<core::Annotation> annotation;
    if (clip)
        annotation = m_document->effectiveAnnotation(clip->id);
    const std::optional<core::Level> level =
        annotation ? std::optional(annotation->level) : std::nullopt;

    if (!clip) {
        m_title->setText(m_document ? tr("No clip selected") : tr("No project open"));
        m_details->setText(m_document ? tr("Select a clip in the table.")
                                      : tr("Open or create a project from the File menu."));
    } else {
        m_title->setText(clip->name);
        QString details = clip->startMs || clip->endMs
                              ? tr("Film %1 \u00b7 %2 \u2013 %3")
                                    .arg(clip->movieId, ClipTableModel::formatTime(clip->startMs),
                                         ClipTableModel::formatTime(clip->endMs))
                              : tr("Film %1 \u00b7 no times").arg(clip->movieId);
        if (annotation)
            details += QLatin1Char('\n') +
                       tr("%1 by %2, %3")
                           .arg(core::levelName(annotation->level), annotation->annotator,
                                QLocale().toString(annotation->changedAt.toLocalTime(),
                                                   QLocale::ShortFormat));
        else
            details += QLatin1Char('\n') + tr("Not annotated yet");
        m_details->setText(details);
    }

    for (core::Level l : kLevels) {
        QPushButton *b = m_levelButtons.value(int(l));
        const QSignalBlocker block(b);
        b->setEnabled(clip != nullptr);
        b->setChecked(level == l);
    }

    const QStringList ticked = annotation ? annotation->concepts : QStringList();
    for (auto it = m_conceptBoxes.cbegin(); it != m_conceptBoxes.cend(); ++it) {
        const core::Concept *c = m_document->taxonomy().find(it.key());
        const bool on = ticked.contains(it.key());
        QCheckBox *box = it.value();
        const QSignalBlocker block(box);
        box->setChecked(on);
        box->setEnabled(clip && level.has_value());
        // Retired concepts are kept on old annotations but offered no more.
        box->setVisible(!(c && c->retired) || on);
    }
    for (QGroupBox *group : std::as_const(m_groups)) {
        bool anyVisible = false;
        for (QCheckBox *box : group->findChildren<QCheckBox *>())
            anyVisible = anyVisible || !box->isHidden();
        group->setVisible(anyVisible);
    }

    if (!m_note->hasFocus() || !m_note->isModified()) {
        m_note->setText(annotation ? annotation->note : QString());
        m_note->setModified(false);
    }
    m_note->setEnabled(clip && level.has_value());
    m_clear->setEnabled(clip && level.has_value());
    m_hint->setText(clip && !level
                        ? tr("Set a level (1, 2 or 3) to tick concepts and write a note.")
                        : QString());
    m_hint->setVisible(clip && !level);
    if (!m_filter->isHidden())
        applyFilter();
}

void AnnotationPanel::editConceptKey(const QString &conceptName)
{
    if (!m_document || !m_document->taxonomy().find(conceptName))
        return;
    const QChar now = m_keys.keyOf(conceptName);
    QString key = now.isNull() ? QString() : QString(now);
    QString problem;
    while (true) {
        bool ok = false;
        key = QInputDialog::getText(
            this, tr("Key for %1").arg(conceptName),
            (problem.isEmpty() ? QString() : problem + QStringLiteral("\n\n")) +
                tr("One letter or digit ticks %1 (empty: the default key). Not 1/2/3, 0, N, "
                   "L, I, O, S or M: the window uses them.")
                    .arg(conceptName),
            QLineEdit::Normal, key, &ok);
        if (!ok)
            return;
        try {
            core::ConceptKeyMap::validate(key, conceptName, m_document->taxonomy());
            break;
        } catch (const core::UserError &e) {
            problem = e.message(); // asked again, with the reason
        }
    }
    m_controller->setConceptKey(conceptName, key);
}

void AnnotationPanel::openConceptFilter()
{
    if (!m_document)
        return;
    if (m_filter->isHidden()) {
        QWidget *f = QApplication::focusWidget();
        m_focusBeforeFilter = f == m_filter ? nullptr : f;
    }
    m_filter->clear();
    m_filter->show();
    m_filterHint->show();
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filterIndex = 0;
    applyFilter();
}

QStringList AnnotationPanel::filterMatches() const
{
    const QString typed = m_filter->text().simplified();
    // Name starts with the letters, then a word of it does, then it contains them.
    QList<std::pair<int, QString>> ranked;
    const core::Taxonomy *taxonomy = m_document ? &m_document->taxonomy() : nullptr;
    if (!taxonomy)
        return {};
    int order = 0;
    for (const core::Concept &c : taxonomy->concepts()) {
        ++order;
        QCheckBox *box = m_conceptBoxes.value(c.name);
        // Retired concepts are offered only where they are already ticked.
        if (!box || (c.retired && !box->isChecked()))
            continue;
        int rank = 0;
        if (typed.isEmpty() || c.name.startsWith(typed, Qt::CaseInsensitive))
            rank = 0;
        else if (c.name.contains(QLatin1Char(' ') + typed, Qt::CaseInsensitive))
            rank = 1;
        else if (c.name.contains(typed, Qt::CaseInsensitive))
            rank = 2;
        else
            continue;
        ranked.append({rank * 10000 + order, c.name});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList out;
    for (const auto &r : ranked)
        out.append(r.second);
    return out;
}

QString AnnotationPanel::filterChoice() const
{
    if (m_filter->isHidden())
        return {};
    const QStringList matches = filterMatches();
    return matches.isEmpty()
               ? QString()
               : matches.at(std::clamp<int>(m_filterIndex, 0, int(matches.size()) - 1));
}

void AnnotationPanel::applyFilter()
{
    const bool on = !m_filter->isHidden();
    const QStringList matches = on ? filterMatches() : QStringList();
    if (on && !matches.isEmpty())
        m_filterIndex = std::clamp<int>(m_filterIndex, 0, int(matches.size()) - 1);
    const QString choice = filterChoice();
    for (auto it = m_conceptBoxes.cbegin(); it != m_conceptBoxes.cend(); ++it) {
        QFont f = it.value()->font();
        f.setBold(on && it.key() == choice);
        f.setUnderline(on && it.key() == choice);
        it.value()->setFont(f);
    }
    if (on) {
        for (auto it = m_conceptBoxes.cbegin(); it != m_conceptBoxes.cend(); ++it)
            it.value()->setVisible(matches.contains(it.key()));
        for (QGroupBox *group : std::as_const(m_groups)) {
            bool any = false;
            for (QCheckBox *box : group->findChildren<QCheckBox *>())
                any = any || !box->isHidden();
            group->setVisible(any);
        }
        const bool ticked = !choice.isEmpty() && m_conceptBoxes.value(choice)->isChecked();
        m_filterHint->setText(
            choice.isEmpty()
                ? tr("No concept matches \u201c%1\u201d.").arg(m_filter->text())
                : (ticked ? tr("Enter unticks %1") : tr("Enter ticks %1")).arg(choice));
    }
}

void AnnotationPanel::closeFilter()
{
    const bool hadFocus = m_filter->hasFocus();
    m_filter->hide();
    m_filterHint->hide();
    m_filter->clear();
    refresh();
    applyFilter();
    if (hadFocus) {
        if (m_focusBeforeFilter && m_focusBeforeFilter->isVisible())
            m_focusBeforeFilter->setFocus(Qt::OtherFocusReason);
        else if (QWidget *w = window())
            w->setFocus(Qt::OtherFocusReason);
    }
    m_focusBeforeFilter = nullptr;
}

void AnnotationPanel::acceptFilter()
{
    const QString choice = filterChoice();
    closeFilter();
    if (!choice.isEmpty() && m_clipId)
        m_controller->toggleConcept(m_clipId, choice);
    refresh();
}

bool AnnotationPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int k = key->key();
        const bool choose = k == Qt::Key_Up || k == Qt::Key_Down || k == Qt::Key_Escape;
        const bool enter = k == Qt::Key_Return || k == Qt::Key_Enter;
        // The window's Up/Down move between clips and a bare Enter may be a
        // window key too; in the filter they choose and accept.
        if (event->type() == QEvent::ShortcutOverride && (choose || enter)) {
            event->accept();
            return true;
        }
        if (event->type() == QEvent::KeyPress && choose) {
            if (k == Qt::Key_Escape) {
                closeFilter();
            } else {
                const int n = int(filterMatches().size());
                if (n > 0)
                    m_filterIndex = (m_filterIndex + (k == Qt::Key_Down ? 1 : n - 1)) % n;
                applyFilter();
            }
            return true;
        }
    }
    if (watched == m_filter && event->type() == QEvent::FocusOut && !m_filter->isHidden()) {
        // Clicking elsewhere abandons the search.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_filter->hasFocus() && !m_filter->isHidden()) {
                    m_focusBeforeFilter = nullptr;
                    closeFilter();
                }
            },
            Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

void AnnotationPanel::commitNote()
{
    if (!m_clipId || !m_document)
        return;
    const QString text = m_note->text().trimmed();
    m_note->setModified(false);
    const auto annotation = m_document->effectiveAnnotation(m_clipId);
    if (annotation && annotation->note != text)
        m_controller->setNote(m_clipId, text);
    refresh();
}

} // namespace ms::ui
