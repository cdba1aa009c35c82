#include "ui/cliptablemodel.h"

#include "ui/levelpalette.h"
#include "ui/modalitypalette.h"
#include "ui/projectdocument.h"

#include <QBrush>
#include <QFont>

namespace ms::ui {

ClipTableModel::ClipTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ClipTableModel::setDocument(ProjectDocument *document)
{
    if (m_document)
        m_document->disconnect(this);
    m_document = document;
    if (m_document) {
        connect(m_document, &ProjectDocument::annotationChanged, this,
                &ClipTableModel::refreshClip);
        connect(m_document, &ProjectDocument::reloaded, this, &ClipTableModel::reset);
        connect(m_document, &ProjectDocument::clipTimesChanged, this,
                &ClipTableModel::refreshClip);
    }
    reset();
}

ProjectDocument *ClipTableModel::document() const
{
    return m_document;
}

void ClipTableModel::reset()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfClip.clear();
    m_annotated = 0;
    if (m_document) {
        // One query for all annotations rather than one per clip: opening a
        // project of a few thousand clips stays instant.
        QHash<QString, core::Annotation> byClip;
        for (core::Annotation &a : m_document->effectiveAnnotations())
            byClip.insert(a.clipName, std::move(a));
        // Sorted by clip then annotator.
        QHash<QString, QStringList> annotatorsOf;
        for (const core::Annotation &a : m_document->annotatorAnnotations())
            annotatorsOf[a.clipName].append(a.annotator);
        m_rows.reserve(m_document->clips().size());
        for (const core::Clip &c : m_document->clips()) {
            Row r{c.id, c.movieId, c.name, c.startMs, c.endMs, {}, {}, {}, {}, {}};
            r.annotators = annotatorsOf.value(c.name);
            if (auto it = byClip.constFind(c.name); it != byClip.constEnd()) {
                r.level = it->level;
                r.concepts = it->concepts;
                r.annotator = it->annotator;
                r.note = it->note;
                ++m_annotated;
            }
            m_rowOfClip.insert(c.id, int(m_rows.size()));
            m_rows.append(std::move(r));
        }
    }
    endResetModel();
    emit countsChanged();
}

void ClipTableModel::refreshClip(qint64 clipId)
{
    const int row = rowOf(clipId);
    if (row < 0 || !m_document)
        return;
    Row &r = m_rows[row];
    const bool wasAnnotated = r.level.has_value();
    if (const core::Clip *c = m_document->clip(clipId)) {
        r.startMs = c->startMs;
        r.endMs = c->endMs;
    }
    const auto a = m_document->effectiveAnnotation(clipId);
    r.level = a ? std::optional(a->level) : std::nullopt;
    r.concepts = a ? a->concepts : QStringList();
    r.annotator = a ? a->annotator : QString();
    r.note = a ? a->note : QString();
    // An edit or its undo writes one annotator's state and makes it the
    // newest (or removes it): only those already counted and the one shown
    // now can have changed, so no full read of the annotations is needed.
    QStringList candidates = r.annotators;
    if (a && !candidates.contains(a->annotator))
        candidates.append(a->annotator);
    r.annotators.clear();
    for (const QString &who : std::as_const(candidates))
        if (m_document->state(clipId, who).level)
            r.annotators.append(who);
    r.annotators.sort();
    m_annotated += int(r.level.has_value()) - int(wasAnnotated);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (wasAnnotated != r.level.has_value())
        emit countsChanged();
}

int ClipTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ClipTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ClipTableModel::rowOf(qint64 clipId) const
{
    return m_rowOfClip.value(clipId, -1);
}

qint64 ClipTableModel::clipIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].clipId : 0;
}

int ClipTableModel::modalityBits(const Row &r) const
{
    return m_document ? m_document->taxonomy().modalitiesOf(r.concepts).bits() : 0;
}

QString ClipTableModel::formatTime(std::optional<qint64> ms)
{
    if (!ms)
        return QStringLiteral("\u2013");
    const qint64 v = *ms;
    const qint64 h = v / 3600000, m = (v / 60000) % 60, s = (v / 1000) % 60, z = v % 1000;
    const QString tail =
        QStringLiteral("%1.%2").arg(s, 2, 10, QLatin1Char('0')).arg(z, 3, 10, QLatin1Char('0'));
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(tail);
    return QStringLiteral("%1:%2").arg(m).arg(tail);
}

QVariant ClipTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case ClipIdRole:
        return r.clipId;
    case MovieIdRole:
        return r.movieId;
    case AnnotatedRole:
        return r.level.has_value();
    case LevelRole:
        return r.level ? int(*r.level) : -1;
    case ConceptsRole:
        return r.concepts;
    case ModalitiesRole:
        return modalityBits(r);
    case AnnotatorsRole:
        return r.annotators;
    case SortRole:
        switch (index.column()) {
        case StartColumn:
            return r.startMs ? *r.startMs : -1;
        case EndColumn:
            return r.endMs ? *r.endMs : -1;
        case LevelColumn:
            return r.level ? int(*r.level) : -1;
        case ModalitiesColumn: {
            // V before A before T, more marks first within a letter.
            const core::ModalitySet m = core::ModalitySet::fromBits(quint8(modalityBits(r)));
            int key = 0;
            for (core::Modality x : core::kAllModalities)
                key = key * 2 + int(m.contains(x));
            return key;
        }
        case AnnotatorsColumn:
            return int(r.annotators.size());
        case NoteColumn:
            return r.note.isEmpty() ? 0 : 1;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case FilmColumn:
            return r.movieId;
        case ClipColumn:
            return r.clipName;
        case StartColumn:
            return formatTime(r.startMs);
        case EndColumn:
            return formatTime(r.endMs);
        case LevelColumn:
            return LevelPalette::shortText(r.level);
        case ModalitiesColumn: {
            if (r.concepts.isEmpty())
                return QString();
            const core::ModalitySet m = core::ModalitySet::fromBits(quint8(modalityBits(r)));
            QStringList marks;
            for (core::Modality x : core::kAllModalities)
                marks.append(m.contains(x) ? core::modalityLetter(x) : QStringLiteral("\u00b7"));
            return marks.join(QLatin1Char(' '));
        }
        case ConceptsColumn:
            return r.concepts.join(QStringLiteral(", "));
        case AnnotatorColumn:
            return r.annotator;
        case AnnotatorsColumn:
            return r.annotators.isEmpty() ? QString() : QString::number(r.annotators.size());
        case NoteColumn:
            return r.note.isEmpty() ? QString() : QStringLiteral("\u270e");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == LevelColumn && r.level)
            return core::levelName(*r.level);
        if ((index.column() == ConceptsColumn || index.column() == NoteColumn) &&
            !r.note.isEmpty())
            return tr("Note: %1").arg(r.note);
        if (index.column() == AnnotatorsColumn && !r.annotators.isEmpty())
            return r.annotators.join(QStringLiteral(", "));
        if (index.column() == ModalitiesColumn && !r.concepts.isEmpty()) {
            QStringList lines;
            for (const QString &c : r.concepts) {
                const core::Concept *k = m_document ? m_document->taxonomy().find(c) : nullptr;
                lines.append(k && k->modality
                                 ? QStringLiteral("%1: %2").arg(core::modalityLetter(*k->modality), c)
                                 : tr("no modality: %1").arg(c));
            }
            return lines.join(QLatin1Char('\n'));
        }
        break;
    case Qt::BackgroundRole:
        if (index.column() == LevelColumn)
            return QBrush(LevelPalette::background(r.level));
        break;
    case Qt::ForegroundRole:
        if (index.column() == LevelColumn && !r.level)
            return QBrush(QColor(0x75, 0x75, 0x75));
        break;
    case Qt::FontRole:
        if (index.column() == LevelColumn) {
            QFont f;
            f.setBold(r.level.has_value());
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == StartColumn || index.column() == EndColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == LevelColumn || index.column() == ModalitiesColumn ||
            index.column() == AnnotatorsColumn || index.column() == NoteColumn)
            return int(Qt::AlignCenter);
        break;
    }
    return {};
}

QVariant ClipTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case ModalitiesColumn:
            return tr("Modalities of the ticked concepts: visual, audio, textual");
        case AnnotatorsColumn:
            return tr("Number of annotators with an annotation of the clip");
        case NoteColumn:
            return tr("The shown annotation has a note");
        case AnnotatorColumn:
            return tr("Whose annotation is shown (the newest)");
        }
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FilmColumn:
        return tr("Film");
    case ClipColumn:
        return tr("Clip");
    case StartColumn:
        return tr("Start");
    case EndColumn:
        return tr("End");
    case LevelColumn:
        return tr("Level");
    case ConceptsColumn:
        return tr("Concepts");
    case AnnotatorColumn:
        return tr("Annotator");
    case ModalitiesColumn:
        return tr("V A T");
    case AnnotatorsColumn:
        return tr("#");
    case NoteColumn:
        return tr("Note");
    }
    return {};
}

} // namespace ms::ui
