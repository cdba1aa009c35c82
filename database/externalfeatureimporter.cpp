#include "database/externalfeatureimporter.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/npyreader.h"
#include "core/safetensorsreader.h"
#include "database/annotationrepository.h"
#include "database/featurestore.h"
#include "database/projectdatabase.h"
#include "database/transaction.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <cmath>

using ms::core::UserError;

namespace ms::db {

QString ExternalImportReport::summary() const
{
    return QStringLiteral("%1 clips written, %2 unchanged; dimension %3, %4 to %5 tokens per clip "
                          "(extractor id %6)")
        .arg(clips)
        .arg(unchanged)
        .arg(dim)
        .arg(minTokens)
        .arg(maxTokens)
        .arg(extractorId);
}

static QString sha256(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

ExternalImportReport ExternalFeatureImporter::importNpyFolder(const QString &dir,
                                                              core::Modality modality,
                                                              const QString &name)
{
    const QDir d(dir);
    if (!d.exists())
        throw UserError(QStringLiteral("%1: no such folder").arg(dir));
    const QStringList files = d.entryList({QStringLiteral("*.npy")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        throw UserError(QStringLiteral("%1: no .npy files (expected one <clip id>.npy per clip)").arg(dir));
    QHash<QString, Item> items;
    for (const QString &f : files) {
        const QString path = d.filePath(f);
        const QByteArray bytes = core::csv::readFile(path);
        items.insert(QFileInfo(f).completeBaseName(),
                     {core::NpyReader::parse(bytes, path), path, sha256(bytes)});
    }
    return store(std::move(items), modality, name, QStringLiteral("npy"));
}

ExternalImportReport ExternalFeatureImporter::importSafetensors(const QString &file,
                                                                core::Modality modality,
                                                                const QString &name)
{
    const QByteArray bytes = core::csv::readFile(file);
    QHash<QString, Item> items;
    const auto tensors = core::SafetensorsReader::parse(bytes, file);
    for (auto it = tensors.cbegin(); it != tensors.cend(); ++it) {
        // Hash each tensor's own values so one changed clip does not
        // invalidate the others.
        const QByteArray raw(reinterpret_cast<const char *>(it->data.data()),
                             qsizetype(it->data.size() * sizeof(float)));
        items.insert(it.key(), {it.value(), QStringLiteral("%1 [%2]").arg(file, it.key()),
                                sha256(raw + QByteArray::number(it->tokens))});
    }
    return store(std::move(items), modality, name, QStringLiteral("safetensors"));
}

ExternalImportReport ExternalFeatureImporter::store(QHash<QString, Item> items,
                                                    core::Modality modality, const QString &name,
                                                    const QString &kind)
{
    SqliteDatabase &db = m_project.sql();
    AnnotationRepository repo(db);
    QHash<QString, core::Clip> clips;
    for (const core::Clip &c : repo.clips())
        clips.insert(c.name, c);

    ExternalImportReport rep;
    QStringList unknown;
    QString firstOrigin;
    for (auto it = items.begin(); it != items.end(); ++it) {
        if (!clips.contains(it.key())) {
            unknown.append(it.key());
            continue;
        }
        core::FeatureMatrix &m = it->matrix;
        if (rep.dim == 0) {
            rep.dim = m.dim;
            firstOrigin = it->origin;
            rep.minTokens = rep.maxTokens = m.tokens;
        } else if (m.dim != rep.dim) {
            throw UserError(QStringLiteral("%1: dimension %2, but %3 has dimension %4: every clip "
                                           "of one extractor needs the same dimension; nothing "
                                           "was imported")
                                .arg(it->origin)
                                .arg(m.dim)
                                .arg(firstOrigin)
                                .arg(rep.dim));
        }
        rep.minTokens = std::min(rep.minTokens, m.tokens);
        rep.maxTokens = std::max(rep.maxTokens, m.tokens);
        for (size_t i = 0; i < m.data.size(); ++i)
            if (!std::isfinite(m.data[i]))
                throw UserError(QStringLiteral("%1: value at token %2, dimension %3 is %4; nothing "
                                               "was imported")
                                    .arg(it->origin)
                                    .arg(i / size_t(m.dim))
                                    .arg(i % size_t(m.dim))
                                    .arg(std::isnan(m.data[i]) ? QStringLiteral("NaN")
                                                               : QStringLiteral("infinite")));
        // Token spans: spread over the clip's time range when it has one,
        // otherwise one second per token from the clip start.
        const core::Clip &c = clips.value(it.key());
        m.spans.resize(size_t(m.tokens));
        for (int t = 0; t < m.tokens; ++t) {
            if (c.startMs && c.endMs && *c.endMs > *c.startMs) {
                const double len = double(*c.endMs - *c.startMs) / m.tokens;
                m.spans[size_t(t)] = {*c.startMs + qint64(std::llround(t * len)),
                                      *c.startMs + qint64(std::llround((t + 1) * len))};
            } else {
                m.spans[size_t(t)] = {qint64(t) * 1000, qint64(t + 1) * 1000};
            }
        }
    }
    if (!unknown.isEmpty()) {
        unknown.sort();
        throw UserError(QStringLiteral("%1 of %2 clip ids are not in the project (%3%4); nothing "
                                       "was imported")
                            .arg(unknown.size())
                            .arg(items.size())
                            .arg(unknown.mid(0, 5).join(QStringLiteral(", ")))
                            .arg(unknown.size() > 5 ? QStringLiteral(", ...") : QString()));
    }

    Transaction tx(db);
    FeatureStore store(db);
    core::ExtractorInfo info;
    info.name = kind + u':' + name;
    info.version = QStringLiteral("1");
    info.params = QStringLiteral("{\"dim\":%1}").arg(rep.dim);
    info.modality = modality;
    rep.extractorId = store.ensureExtractor(info);
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        const qint64 clipId = clips.value(it.key()).id;
        if (store.inputHash(clipId, rep.extractorId) == it->hash) {
            ++rep.unchanged;
            continue;
        }
        store.put(clipId, rep.extractorId, it->matrix, it->hash);
        ++rep.clips;
    }
    tx.commit();
    return rep;
}

} // namespace ms::db
