#pragma once

#include "core/formats/annotationformat.h"

namespace ms::core {

// The published ObyGaze/MObyGaze table, read by ObyGazeReader. Its one option
// is what the older release's fourth label, "Not Sure", becomes; the choice is
// recorded with the import so a project says how its levels came about.
class ObyGazeFormat final : public AnnotationFormat
{
public:
    static QString notSureOptionKey() { return QStringLiteral("not-sure"); }

    QString id() const override { return QStringLiteral("obygaze"); }
    QString label() const override;
    QString description() const override;
    QString fileFilter() const override;
    QString defaultAnnotator() const override { return QStringLiteral("obygaze"); }
    QList<FormatOption> options() const override;
    QList<ImportRecord> read(const QString &path, const FormatOptionValues &options) const override;
};

} // namespace ms::core
