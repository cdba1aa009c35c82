#pragma once

#include "core/formats/annotationformat.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace ms::core {

// The one list of annotation formats. The CLI verbs, the import dialog and
// the window look formats up here by id and list them from here, so adding a
// format (ELAN EAF) is one AnnotationFormat subclass and one line in
// builtIn(). Formats are listed in registration order: the first is the one
// dialogs offer first.
class FormatRegistry
{
public:
    // Every format Modalscope reads; built once, shared, never changed.
    static const FormatRegistry &builtIn();

    FormatRegistry() = default;
    FormatRegistry(const FormatRegistry &) = delete;
    FormatRegistry &operator=(const FormatRegistry &) = delete;

    // Two formats with one id would make lookups ambiguous: refused.
    void add(std::unique_ptr<AnnotationFormat> format);

    // By id, in any case; nullptr when none has it.
    const AnnotationFormat *find(const QString &id) const;
    // By id, or a UserError naming the id and the known ones.
    const AnnotationFormat &format(const QString &id) const;

    QList<const AnnotationFormat *> formats() const;
    QList<const AnnotationFormat *> writers() const; // those that canWrite()
    QStringList ids() const;
    // Every option of every format, once per key, in registration order.
    QList<FormatOption> allOptions() const;
    // The ids of the formats that have the option `key`.
    QStringList idsWithOption(const QString &key) const;

private:
    std::vector<std::unique_ptr<AnnotationFormat>> m_formats;
};

} // namespace ms::core
