#include "core/formats/modalscopecsvformat.h"

#include "core/modalscopecsv.h"

namespace ms::core {

QString ModalscopeCsvFormat::label() const
{
    return QStringLiteral("Modalscope CSV (%1)").arg(description());
}

QString ModalscopeCsvFormat::description() const
{
    return ModalscopeCsv::header();
}

QString ModalscopeCsvFormat::fileFilter() const
{
    return QStringLiteral("Modalscope CSV (*.csv)");
}

QList<ImportRecord> ModalscopeCsvFormat::read(const QString &path, const FormatOptionValues &) const
{
    return ModalscopeCsv::read(path);
}

QByteArray ModalscopeCsvFormat::write(const QList<ImportRecord> &records) const
{
    return ModalscopeCsv::write(records).toUtf8();
}

} // namespace ms::core
