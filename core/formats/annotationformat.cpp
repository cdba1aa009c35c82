#include "core/formats/annotationformat.h"

#include "core/error.h"

#include <QFileInfo>

namespace ms::core {

QByteArray AnnotationFormat::write(const QList<ImportRecord> &) const
{
    throw UserError(QStringLiteral("Modalscope cannot write %1 files; write %2 tables only")
                        .arg(label(), id()));
}

std::optional<FormatOption> AnnotationFormat::option(const QString &key) const
{
    for (const FormatOption &o : options())
        if (o.key == key)
            return o;
    return std::nullopt;
}

FormatOptionValues AnnotationFormat::resolveOptions(const FormatOptionValues &given) const
{
    FormatOptionValues out;
    for (const FormatOption &o : options()) {
        if (!given.contains(o.key)) {
            out.insert(o.key, o.defaultValue);
            continue;
        }
        const auto value = o.choiceFor(given.value(o.key));
        if (!value)
            throw UserError(QStringLiteral("%1: '%2' must be %3, not '%4'")
                                .arg(label(), o.key, listInWords(o.values()), given.value(o.key)));
        out.insert(o.key, *value);
    }
    const QMap<QString, QString> free = parameters();
    for (auto it = free.cbegin(); it != free.cend(); ++it)
        if (given.contains(it.key()))
            out.insert(it.key(), given.value(it.key()));
    return out;
}

ImportedTable AnnotationFormat::import(const QString &path, const FormatOptionValues &given) const
{
    const FormatOptionValues options = resolveOptions(given);
    ImportedTable table;
    table.records = read(path, options);
    table.annotator = defaultAnnotator();
    table.source = QStringLiteral("import:%1:%2").arg(id(), QFileInfo(path).fileName());
    for (const FormatOption &o : this->options())
        if (!o.metaKey.isEmpty())
            table.meta.insert(o.metaKey, options.value(o.key));
    return table;
}

} // namespace ms::core
