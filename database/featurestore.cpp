#include "database/featurestore.h"

#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/sqlitedatabase.h"

#include <QDateTime>
#include <cstring>

using ms::core::UserError;

namespace ms::db {

qint64 FeatureStore::ensureExtractor(const core::ExtractorInfo &info)
{
    const QString letter = core::modalityLetter(info.modality);
    auto find = m_db.prepare("SELECT id FROM extractors WHERE name = ? AND version = ? AND "
                             "params_hash = ? AND modality = ?");
    find.bind(1, info.name).bind(2, info.version).bind(3, info.paramsHash()).bind(4, letter);
    if (find.step())
        return find.int64(0);
    auto ins = m_db.prepare("INSERT INTO extractors(name, version, params_hash, params, modality, "
                            "synthetic, created_at) VALUES (?,?,?,?,?,?,?)");
    ins.bind(1, info.name).bind(2, info.version).bind(3, info.paramsHash()).bind(4, info.params);
    ins.bind(5, letter).bind(6, qint64(info.synthetic ? 1 : 0));
    ins.bind(7, AnnotationRepository::timestamp(QDateTime::currentDateTimeUtc()));
    ins.run();
    return m_db.lastInsertId();
}

static StoredExtractor extractorFrom(SqliteStatement &st)
{
    StoredExtractor e;
    e.id = st.int64(0);
    e.info.name = st.text(1);
    e.info.version = st.text(2);
    e.info.params = st.text(3);
    e.info.modality = core::parseModality(st.text(4)).value_or(core::Modality::Visual);
    e.info.synthetic = st.int64(5) != 0;
    e.clips = int(st.int64(6));
    e.dim = int(st.int64(7));
    return e;
}

static const char *kExtractorSql =
    "SELECT e.id, e.name, e.version, e.params, e.modality, e.synthetic, "
    "(SELECT count(*) FROM clip_features f WHERE f.extractor_id = e.id), "
    "coalesce((SELECT max(dim) FROM clip_features f WHERE f.extractor_id = e.id), 0) "
    "FROM extractors e";

QList<StoredExtractor> FeatureStore::extractors()
{
    auto st = m_db.prepare((QByteArray(kExtractorSql) + " ORDER BY e.modality, e.id").constData());
    QList<StoredExtractor> out;
    while (st.step())
        out.append(extractorFrom(st));
    return out;
}

std::optional<StoredExtractor> FeatureStore::extractor(qint64 id)
{
    auto st = m_db.prepare((QByteArray(kExtractorSql) + " WHERE e.id = ?").constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return extractorFrom(st);
}

void FeatureStore::put(qint64 clipId, qint64 extractorId, const core::FeatureMatrix &m,
                       const QString &inputHash)
{
    if (!m.isValid())
        throw UserError(QStringLiteral("%1: a feature matrix of %2 x %3 with %4 values and %5 "
                                       "spans is inconsistent")
                            .arg(m_db.path())
                            .arg(m.tokens)
                            .arg(m.dim)
                            .arg(m.data.size())
                            .arg(m.spans.size()));
    static_assert(sizeof(core::TokenSpan) == 16);
    const QByteArray data(reinterpret_cast<const char *>(m.data.data()),
                          qsizetype(m.data.size() * sizeof(float)));
    const QByteArray spans(reinterpret_cast<const char *>(m.spans.data()),
                           qsizetype(m.spans.size() * sizeof(core::TokenSpan)));
    auto st = m_db.prepare(
        "INSERT INTO clip_features(clip_id, extractor_id, tokens, dim, data, spans, input_hash, "
        "created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT(clip_id, extractor_id) DO UPDATE "
        "SET tokens = ?3, dim = ?4, data = ?5, spans = ?6, input_hash = ?7, created_at = ?8");
    st.bind(1, clipId).bind(2, extractorId).bind(3, qint64(m.tokens)).bind(4, qint64(m.dim));
    st.bindBlob(5, data).bindBlob(6, spans).bind(7, inputHash);
    st.bind(8, AnnotationRepository::timestamp(QDateTime::currentDateTimeUtc()));
    st.run();
}

static core::FeatureMatrix matrixFrom(SqliteStatement &st, int col)
{
    core::FeatureMatrix m;
    m.tokens = int(st.int64(col));
    m.dim = int(st.int64(col + 1));
    const QByteArray data = st.blob(col + 2);
    const QByteArray spans = st.blob(col + 3);
    m.data.resize(size_t(data.size()) / sizeof(float));
    std::memcpy(m.data.data(), data.constData(), m.data.size() * sizeof(float));
    m.spans.resize(size_t(spans.size()) / sizeof(core::TokenSpan));
    std::memcpy(static_cast<void *>(m.spans.data()), spans.constData(),
                m.spans.size() * sizeof(core::TokenSpan));
    return m;
}

std::optional<core::FeatureMatrix> FeatureStore::get(qint64 clipId, qint64 extractorId)
{
    auto st = m_db.prepare(
        "SELECT tokens, dim, data, spans FROM clip_features WHERE clip_id = ? AND extractor_id = ?");
    st.bind(1, clipId).bind(2, extractorId);
    if (!st.step())
        return std::nullopt;
    return matrixFrom(st, 0);
}

std::optional<QString> FeatureStore::inputHash(qint64 clipId, qint64 extractorId)
{
    auto st = m_db.prepare(
        "SELECT input_hash FROM clip_features WHERE clip_id = ? AND extractor_id = ?");
    st.bind(1, clipId).bind(2, extractorId);
    if (!st.step())
        return std::nullopt;
    return st.text(0);
}

QHash<QString, core::FeatureMatrix> FeatureStore::loadAll(qint64 extractorId)
{
    auto st = m_db.prepare("SELECT c.name, f.tokens, f.dim, f.data, f.spans FROM clip_features f "
                           "JOIN clips c ON c.id = f.clip_id WHERE f.extractor_id = ?");
    st.bind(1, extractorId);
    QHash<QString, core::FeatureMatrix> out;
    while (st.step())
        out.insert(st.text(0), matrixFrom(st, 1));
    return out;
}

void FeatureStore::clear(qint64 extractorId)
{
    auto a = m_db.prepare("DELETE FROM clip_features WHERE extractor_id = ?");
    a.bind(1, extractorId);
    a.run();
    auto b = m_db.prepare("DELETE FROM planted_spans WHERE extractor_id = ?");
    b.bind(1, extractorId);
    b.run();
}

void FeatureStore::addPlantedSpan(qint64 clipId, qint64 extractorId, const QString &conceptName,
                                  int start, int end)
{
    auto st = m_db.prepare("INSERT INTO planted_spans(clip_id, extractor_id, concept, token_start, "
                           "token_end) VALUES (?,?,?,?,?)");
    st.bind(1, clipId).bind(2, extractorId).bind(3, conceptName).bind(4, qint64(start));
    st.bind(5, qint64(end));
    st.run();
}

void FeatureStore::clearPlantedSpans(qint64 clipId, qint64 extractorId)
{
    auto st = m_db.prepare("DELETE FROM planted_spans WHERE clip_id = ? AND extractor_id = ?");
    st.bind(1, clipId).bind(2, extractorId);
    st.run();
}

QList<PlantedSpanRow> FeatureStore::plantedSpans(qint64 extractorId)
{
    auto st = m_db.prepare("SELECT c.name, e.modality, p.concept, p.token_start, p.token_end "
                           "FROM planted_spans p JOIN clips c ON c.id = p.clip_id JOIN extractors "
                           "e ON e.id = p.extractor_id WHERE p.extractor_id = ? ORDER BY p.id");
    st.bind(1, extractorId);
    QList<PlantedSpanRow> out;
    while (st.step())
        out.append({st.text(0), core::parseModality(st.text(1)).value_or(core::Modality::Visual),
                    st.text(2), int(st.int64(3)), int(st.int64(4))});
    return out;
}

} // namespace ms::db
