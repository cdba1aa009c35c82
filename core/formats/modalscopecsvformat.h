#pragma once

#include "core/formats/annotationformat.h"

namespace ms::core {

// Modalscope's own table (ModalscopeCsv): the one format Modalscope writes, so
// an exported project reads back unchanged.
class ModalscopeCsvFormat final : public AnnotationFormat
{
public:
    QString id() const override { return QStringLiteral("modalscope"); }
    QString label() const override;
    QString description() const override;
    QString fileFilter() const override;
    QString defaultAnnotator() const override { return QStringLiteral("import"); }
    QList<ImportRecord> read(const QString &path, const FormatOptionValues &options) const override;
    bool canWrite() const override { return true; }
    QByteArray write(const QList<ImportRecord> &records) const override;
};

} // namespace ms::core
