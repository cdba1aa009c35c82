#pragma once

#include "core/labelrule.h"
#include "database/projectdatabase.h"
#include "database/projectlocation.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <memory>

namespace ms::cli {

// One verb of modalscope-cli. Subclasses declare their options and do the
// work; the dispatcher handles --help, usage errors and UserError.
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual void addOptions(QCommandLineParser &parser) = 0;
    // Verbs with sub-verbs ("bench annotate") accept positional arguments.
    virtual bool takesPositionalArguments() const { return false; }
    // Returns the exit code; throws core::UserError for user errors and
    // UsageError for bad option values.
    virtual int execute(const QCommandLineParser &parser) = 0;

protected:
    static QTextStream &out();
    static QTextStream &err();
    // The value of a required option, or a UsageError naming it.
    static QString required(const QCommandLineParser &p, const QString &option);
    static int intOption(const QCommandLineParser &p, const QString &option, int fallback,
                         int min);
    // The project --db names (required); every verb reads it here, so a new
    // kind of location is understood by all of them at once.
    static db::ProjectLocation projectOption(const QCommandLineParser &p);
    // Opens the project --db names; throws core::UserError naming it.
    static std::unique_ptr<db::ProjectDatabase> openProject(const QCommandLineParser &p,
                                                            db::ProjectDatabase::Mode mode);
    // --label-rule latest|majority|consensus|annotator:NAME (issue 14): the
    // same option and words on every verb that reads labels.
    static void addLabelRuleOption(QCommandLineParser &p);
    static core::LabelRule labelRuleOption(const QCommandLineParser &p);
};

// Bad usage (missing option, malformed value): exit 2.
struct UsageError
{
    QString message;
};

} // namespace ms::cli
