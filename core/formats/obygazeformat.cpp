#include "core/formats/obygazeformat.h"

#include "core/obygazereader.h"

#include <utility>

namespace ms::core {

QString ObyGazeFormat::label() const
{
    return QStringLiteral("ObyGaze / MObyGaze table (semicolon separated)");
}

QString ObyGazeFormat::description() const
{
    return QStringLiteral("the published ObyGaze/MObyGaze table");
}

QString ObyGazeFormat::fileFilter() const
{
    return QStringLiteral("ObyGaze tables (*.csv *.txt)");
}

QList<FormatOption> ObyGazeFormat::options() const
{
    FormatOption notSure;
    notSure.key = notSureOptionKey();
    notSure.label = QStringLiteral("\u201cNot Sure\u201d becomes");
    notSure.help = QStringLiteral("what ObyGaze's 'Not Sure' becomes");
    const std::pair<NotSureRule, const char *> choices[] = {
        {NotSureRule::HardNegative, "Hard Negative"},
        {NotSureRule::Sure, "Sure"},
        {NotSureRule::Exclude, "Exclude (clip stays unannotated)"}};
    for (const auto &[rule, label] : choices)
        notSure.choices.append({notSureRuleCode(rule), QString::fromLatin1(label)});
    notSure.defaultValue = notSureRuleCode(NotSureRule::HardNegative);
    notSure.metaKey = QStringLiteral("not_sure_rule");
    return {notSure};
}

QList<ImportRecord> ObyGazeFormat::read(const QString &path,
                                        const FormatOptionValues &options) const
{
    // resolveOptions() has checked the value; the default covers a caller that did not.
    const NotSureRule rule =
        parseNotSureRule(options.value(notSureOptionKey())).value_or(NotSureRule::HardNegative);
    return ObyGazeReader::read(path, rule);
}

} // namespace ms::core
