#include "app/cli/command.h"

#include <cstdio>

namespace ms::cli {

QTextStream &Command::out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &Command::err()
{
    static QTextStream s(stderr);
    return s;
}

QString Command::required(const QCommandLineParser &p, const QString &option)
{
    const QString v = p.value(option);
    if (v.isEmpty())
        throw UsageError{QStringLiteral("--%1 is required").arg(option)};
    return v;
}

int Command::intOption(const QCommandLineParser &p, const QString &option, int fallback, int min)
{
    if (!p.isSet(option))
        return fallback;
    bool ok = false;
    const int v = p.value(option).toInt(&ok);
    if (!ok || v < min)
        throw UsageError{
            QStringLiteral("--%1 must be a whole number of at least %2, not '%3'")
                .arg(option)
                .arg(min)
                .arg(p.value(option))};
    return v;
}

void Command::addLabelRuleOption(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("label-rule"),
                 QStringLiteral("which annotation gives a clip its label when several annotators "
                                "annotated it: latest (default, the most recently changed), "
                                "majority (ties go to HN), consensus (the adjudicated one) or "
                                "annotator:NAME"),
                 QStringLiteral("RULE"), QStringLiteral("latest")});
}

core::LabelRule Command::labelRuleOption(const QCommandLineParser &p)
{
    const QString text = p.value(QStringLiteral("label-rule"));
    const auto rule = core::LabelRule::parse(text);
    if (!rule)
        throw UsageError{QStringLiteral("--label-rule must be %1, not '%2'")
                             .arg(core::LabelRule::syntax(), text)};
    return *rule;
}

db::ProjectLocation Command::projectOption(const QCommandLineParser &p)
{
    return db::ProjectLocation::parse(required(p, QStringLiteral("db")));
}

std::unique_ptr<db::ProjectDatabase> Command::openProject(const QCommandLineParser &p,
                                                          db::ProjectDatabase::Mode mode)
{
    return db::ProjectDatabase::open(projectOption(p), mode);
}

} // namespace ms::cli
