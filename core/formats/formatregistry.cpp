#include "core/formats/formatregistry.h"

#include "core/error.h"
#include "core/formats/elaneafformat.h"
#include "core/formats/modalscopecsvformat.h"
#include "core/formats/obygazeformat.h"

#include <stdexcept>

namespace ms::core {

const FormatRegistry &FormatRegistry::builtIn()
{
    static const std::unique_ptr<const FormatRegistry> registry = [] {
        auto r = std::make_unique<FormatRegistry>();
        r->add(std::make_unique<ObyGazeFormat>());
        r->add(std::make_unique<ModalscopeCsvFormat>());
        r->add(std::make_unique<ElanEafFormat>());
        return r;
    }();
    return *registry;
}

void FormatRegistry::add(std::unique_ptr<AnnotationFormat> format)
{
    if (find(format->id()))
        throw std::logic_error("annotation format '" + format->id().toStdString() +
                               "' registered twice");
    m_formats.push_back(std::move(format));
}

const AnnotationFormat *FormatRegistry::find(const QString &id) const
{
    const QString wanted = id.trimmed();
    for (const auto &f : m_formats)
        if (f->id().compare(wanted, Qt::CaseInsensitive) == 0)
            return f.get();
    return nullptr;
}

const AnnotationFormat &FormatRegistry::format(const QString &id) const
{
    if (const AnnotationFormat *f = find(id))
        return *f;
    throw UserError(
        QStringLiteral("Unknown annotation format '%1'; use %2.").arg(id, listInWords(ids())));
}

QList<const AnnotationFormat *> FormatRegistry::formats() const
{
    QList<const AnnotationFormat *> out;
    for (const auto &f : m_formats)
        out.append(f.get());
    return out;
}

QList<const AnnotationFormat *> FormatRegistry::writers() const
{
    QList<const AnnotationFormat *> out;
    for (const auto &f : m_formats)
        if (f->canWrite())
            out.append(f.get());
    return out;
}

QStringList FormatRegistry::ids() const
{
    QStringList out;
    for (const auto &f : m_formats)
        out.append(f->id());
    return out;
}

QList<FormatOption> FormatRegistry::allOptions() const
{
    QList<FormatOption> out;
    QStringList seen;
    for (const auto &f : m_formats)
        for (const FormatOption &o : f->options())
            if (!seen.contains(o.key)) {
                seen.append(o.key);
                out.append(o);
            }
    return out;
}

QStringList FormatRegistry::idsWithOption(const QString &key) const
{
    QStringList out;
    for (const auto &f : m_formats)
        if (f->option(key))
            out.append(f->id());
    return out;
}

} // namespace ms::core
