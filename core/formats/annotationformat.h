#pragma once

#include "core/formats/formatoption.h"
#include "core/formats/formatpart.h"
#include "core/formats/importedtable.h"
#include "core/importrecord.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace ms::core {

// One annotation table format: what the CLI, the import dialog and the window
// need to know about it, so none of them names a format. A new format is one
// subclass and one line in FormatRegistry. Readers throw UserError naming the
// file and the line; a format without a writer says so in canWrite().
class AnnotationFormat
{
public:
    virtual ~AnnotationFormat() = default;

    virtual QString id() const = 0;          // "obygaze": --format, the import's source
    virtual QString label() const = 0;       // for people, in the import dialog
    virtual QString description() const = 0; // the file's shape, in --help
    virtual QString fileFilter() const = 0;  // a file dialog filter, "Name (*.csv)"
    virtual QString defaultAnnotator() const = 0;
    virtual QList<FormatOption> options() const { return {}; }
    // Free-text parameters a format reads beside its options, by key, with
    // a line of help each: what the file itself may leave open, such as the
    // film its annotations belong to ("movie") or the role of a named part
    // ("tier", "T=role" lines). resolveOptions() passes them through; the
    // CLI offers each as --key (repeatable values joined by newlines).
    virtual QMap<QString, QString> parameters() const { return {}; }
    // For a format whose "tier" parameter names parts of the file (ELAN's
    // tiers): the roles a part can be given (values for "T=ROLE", labels
    // for people) and the parts of the file at `path`, so the import
    // dialog can show them for mapping. UserError naming the file when it
    // cannot be read. None for other formats.
    virtual QList<FormatOption::Choice> partRoles() const { return {}; }
    virtual QList<FormatPart> parts(const QString &path) const
    {
        (void)path;
        return {};
    }

    // `options` holds a valid value for every option of the format (see
    // resolveOptions()).
    virtual QList<ImportRecord> read(const QString &path,
                                     const FormatOptionValues &options) const = 0;

    virtual bool canWrite() const { return false; }
    // A format that places clips on a timeline (ELAN) cannot write a clip
    // without times; the export asks before writing, write() refuses them.
    virtual bool needsClipTimes() const { return false; }
    // The file's bytes; only for formats that canWrite().
    virtual QByteArray write(const QList<ImportRecord> &records) const;

    std::optional<FormatOption> option(const QString &key) const;
    // Every option of the format with a value: the given one checked against
    // its choices (a UserError otherwise), or its default. Values for options
    // the format lacks are ignored, so one set of values can serve any format.
    FormatOptionValues resolveOptions(const FormatOptionValues &given) const;
    // Reads `path` with the given options and says what to record with it.
    ImportedTable import(const QString &path, const FormatOptionValues &given = {}) const;
};

} // namespace ms::core
