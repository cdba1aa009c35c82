#pragma once

#include "core/formats/annotationformat.h"
#include "core/level.h"
#include "core/taxonomy.h"

#include <QHash>
#include <optional>

namespace ms::core {

// ELAN's annotation file (.eaf, EAF 2.7 to 3.0), read and written, so experts
// who segment and label in ELAN can bring their work in and take it back.
//
// Tier convention (tier names compared case-insensitively; a name may end in
// "@<film id>" to say which film its annotations belong to, which is how one
// file carries several films):
//  - "clips" (also "clip", "segments"): time-aligned annotations, one per
//    clip; the value is the clip's name (empty: "<film>-001", ... by time).
//  - "level" (also "levels", "objectification"): EN, HN or S (or the words,
//    "Easy Negative", ...) for a clip; empty leaves it unannotated. Either a
//    reference tier under the clips tier, or time-aligned: then it is matched
//    to the clip with the same times (or the one holding its middle), and
//    when a film has no clips tier its level annotations are the clips.
//  - "concepts", "concepts-<modality>" or a modality's name ("visual",
//    "audio", "textual"): concept names, one per annotation or several
//    separated by ';' or ','; reference annotations (symbolic association or
//    subdivision, through any chain of references) or time-aligned ones
//    matched to a clip as the level is.
// Every other tier (transcriptions, gestures) is left alone. The film is the
// tier's "@" suffix, else the header property "modalscope:movie", else the
// file name of the first (video) MEDIA_DESCRIPTOR without its extension.
//
// The writer makes EAF 3.0 as ELAN saves it: per film a media descriptor, a
// root tier "clips", a symbolic-association tier "level" and one
// symbolic-subdivision tier per modality ("concepts-visual", ...) with one
// concept per annotation; concepts the taxonomy does not know go to a
// "concepts" tier. Levels and each concept tier have a controlled
// vocabulary. Read back, a record's concepts come grouped by modality
// (visual, audio, textual, unknown) and a film's clips in time order.
// Clips without times and overlapping clips of one film have no place on an
// ELAN tier: write() refuses them in words rather than dropping them.
class ElanEafFormat final : public AnnotationFormat
{
public:
    enum class TierRole { Ignored, Clips, Level, Concepts };

    struct ReadOptions
    {
        // The film of tiers whose name has no "@" suffix; empty: from the file.
        QString movieId;
        // Roles given by the user (`--tier T=clips`), by exact tier id; they
        // override the naming convention.
        QHash<QString, TierRole> tierRoles;
        // What a level tier's own words mean (`--level-value yes=S`), by the
        // word in lower case; EN, HN, S and their names need no entry.
        QHash<QString, Level> levelValues;
    };

    // The taxonomy places concepts on the modality tiers when writing.
    ElanEafFormat() = default;
    explicit ElanEafFormat(Taxonomy taxonomy) : m_taxonomy(std::move(taxonomy)) {}

    QString id() const override { return QStringLiteral("eaf"); }
    QString label() const override;
    QString description() const override;
    QString fileFilter() const override;
    QString defaultAnnotator() const override { return QStringLiteral("elan"); }
    // "movie": the film of tiers without an "@" suffix; "tier": "T=ROLE"
    // lines (ROLE clips, level, concepts or ignore) naming tiers' roles.
    // "level-value": "VALUE=LEVEL" lines saying what a level tier's words mean.
    QMap<QString, QString> parameters() const override;
    QList<FormatOption::Choice> partRoles() const override;
    QList<FormatPart> parts(const QString &path) const override;
    QList<ImportRecord> read(const QString &path, const FormatOptionValues &options) const override;
    bool canWrite() const override { return true; }
    bool needsClipTimes() const override { return true; }
    QByteArray write(const QList<ImportRecord> &records) const override;

    static QList<ImportRecord> read(const QString &path, const ReadOptions &options);
    // `origin` names the data in messages (the file's path).
    static QList<ImportRecord> parse(const QByteArray &eaf, const QString &origin,
                                     const ReadOptions &options = {});
    // ReadOptions from the "movie" and "tier" parameters; UserError naming a
    // malformed "T=ROLE" or an unknown role.
    static ReadOptions readOptions(const FormatOptionValues &values);
    // The role a tier named `tierId` has by the convention above.
    static TierRole roleByName(const QString &tierId);
    // "clips", "level", "concepts" or "ignore": the role's word in "T=ROLE".
    static QString roleValue(TierRole role);
    // The tiers of an ELAN document (see parts()); `origin` names it in messages.
    static QList<FormatPart> tiers(const QByteArray &eaf, const QString &origin);

private:
    std::optional<Taxonomy> m_taxonomy; // nullopt: the built-in one, loaded when writing
};

} // namespace ms::core
