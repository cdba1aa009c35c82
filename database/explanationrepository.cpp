#include "database/explanationrepository.h"

#include "database/runrepository.h"
#include "database/sqlitedatabase.h"
#include "database/sqlitestatement.h"
#include "database/transaction.h"

#include <QByteArray>
#include <QtEndian>
#include <cmath>
#include <cstring>
#include <sqlite3.h>

namespace ms::db {

namespace {

constexpr int kTokenBytes = 4 + 8 + 8 + 4;

QByteArray packTokens(const std::vector<TokenRelevance> &tokens)
{
    QByteArray b(qsizetype(tokens.size()) * kTokenBytes, Qt::Uninitialized);
    char *p = b.data();
    for (const TokenRelevance &t : tokens) {
        qToLittleEndian<qint32>(t.modality, p);
        qToLittleEndian<qint64>(t.startMs, p + 4);
        qToLittleEndian<qint64>(t.endMs, p + 12);
        quint32 bits;
        std::memcpy(&bits, &t.relevance, 4);
        qToLittleEndian<quint32>(bits, p + 20);
        p += kTokenBytes;
    }
    return b;
}

std::vector<TokenRelevance> unpackTokens(const QByteArray &b)
{
    std::vector<TokenRelevance> out(size_t(b.size() / kTokenBytes));
    const char *p = b.constData();
    for (TokenRelevance &t : out) {
        t.modality = qFromLittleEndian<qint32>(p);
        t.startMs = qFromLittleEndian<qint64>(p + 4);
        t.endMs = qFromLittleEndian<qint64>(p + 12);
        const quint32 bits = qFromLittleEndian<quint32>(p + 20);
        std::memcpy(&t.relevance, &bits, 4);
        p += kTokenBytes;
    }
    return out;
}

const char *kClipColumns = "SELECT clip, v_full, v_empty, score_v, score_a, score_t, phi_v, phi_a, "
                           "phi_t, inter_va, inter_vt, inter_at, three_way, interaction_share, "
                           "spurious, missed, error_text, tokens FROM clip_explanations ";

// Stored as "V|A" (the CSV columns' form); unknown parts are skipped.
core::ModalitySet modalitiesOfCodes(const QString &codes)
{
    core::ModalitySet out;
    for (const QString &part : codes.split(u'|', Qt::SkipEmptyParts))
        if (const auto m = core::parseModality(part))
            out.insert(*m);
    return out;
}

ClipExplanation readClip(const SqliteStatement &s)
{
    ClipExplanation c;
    c.clip = s.text(0);
    c.vFull = s.real(1).value_or(0);
    c.vEmpty = s.real(2).value_or(0);
    for (int m = 0; m < 3; ++m) {
        c.score[size_t(m)] = s.real(3 + m);
        c.phi[size_t(m)] = s.real(6 + m);
        c.pairInteraction[size_t(m)] = s.real(9 + m);
    }
    c.threeWay = s.real(12);
    c.interactionShare = s.real(13);
    c.spurious = modalitiesOfCodes(s.text(14));
    c.missed = modalitiesOfCodes(s.text(15));
    c.errorText = s.text(16);
    c.tokens = unpackTokens(s.blob(17));
    return c;
}

} // namespace

ExplanationRepository::ExplanationRepository(SqliteDatabase &db) : m_db(db) {}

qint64 ExplanationRepository::store(const ExplanationSet &set,
                                    const std::vector<ClipExplanation> &clips)
{
    std::optional<Transaction> tx;
    if (!m_db.inTransaction())
        tx.emplace(m_db);
    {
        // The clips of the older set go with it (ON DELETE CASCADE).
        SqliteStatement del(m_db, "DELETE FROM explanation_sets WHERE result_id = ? AND baseline = ?");
        del.bind(1, set.resultId).bind(2, set.baseline);
        del.run();
    }
    SqliteStatement ins(m_db,
                  "INSERT INTO explanation_sets(run_id, result_id, baseline, modalities, "
                  "fusion, train_set, fold, created_at, threshold) VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, set.runId)
        .bind(2, set.resultId)
        .bind(3, set.baseline)
        .bind(4, set.modalities.letters());
    ins.bind(5, set.fusion).bind(6, set.trainSet).bind(7, qint64(set.fold));
    ins.bind(8, set.createdAt.isEmpty() ? RunRepository::now() : set.createdAt);
    ins.bindReal(9, set.threshold);
    ins.run();
    const qint64 id = m_db.lastInsertId();
    SqliteStatement c(m_db, "INSERT INTO clip_explanations(set_id, clip, v_full, v_empty, score_v, "
                      "score_a, score_t, phi_v, phi_a, phi_t, inter_va, inter_vt, inter_at, "
                      "three_way, interaction_share, spurious, missed, error_text, tokens) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const ClipExplanation &e : clips) {
        c.bind(1, id).bind(2, e.clip).bindReal(3, e.vFull).bindReal(4, e.vEmpty);
        for (int m = 0; m < 3; ++m) {
            c.bindReal(5 + m, e.score[size_t(m)]);
            c.bindReal(8 + m, e.phi[size_t(m)]);
            c.bindReal(11 + m, e.pairInteraction[size_t(m)]);
        }
        c.bindReal(14, e.threeWay).bindReal(15, e.interactionShare);
        c.bind(16, e.spurious.codes()).bind(17, e.missed.codes()).bind(18, e.errorText);
        c.bindBlob(19, packTokens(e.tokens));
        c.run();
    }
    if (tx)
        tx->commit();
    return id;
}

QList<ExplanationSet> ExplanationRepository::sets(qint64 runId)
{
    SqliteStatement s(m_db,
                runId ? "SELECT id, run_id, result_id, baseline, modalities, fusion, train_set, "
                        "fold, created_at, threshold FROM explanation_sets WHERE run_id = ? "
                        "ORDER BY id DESC"
                      : "SELECT id, run_id, result_id, baseline, modalities, fusion, train_set, "
                        "fold, created_at, threshold FROM explanation_sets ORDER BY id DESC");
    if (runId)
        s.bind(1, runId);
    QList<ExplanationSet> out;
    while (s.step()) {
        ExplanationSet e;
        e.id = s.int64(0);
        e.runId = s.int64(1);
        e.resultId = s.int64(2);
        e.baseline = s.text(3);
        e.modalities = core::ModalitySet::parseLetters(s.text(4)).value_or(core::ModalitySet());
        e.fusion = s.text(5);
        e.trainSet = s.text(6);
        e.fold = int(s.int64(7));
        e.createdAt = s.text(8);
        e.threshold = s.real(9).value_or(0.5);
        out.append(e);
    }
    return out;
}

std::vector<ClipExplanation> ExplanationRepository::clips(qint64 setId)
{
    SqliteStatement s(m_db, (QByteArray(kClipColumns) + "WHERE set_id = ? ORDER BY clip").constData());
    s.bind(1, setId);
    std::vector<ClipExplanation> out;
    while (s.step())
        out.push_back(readClip(s));
    return out;
}

std::optional<ClipExplanation> ExplanationRepository::clip(qint64 setId, const QString &clipName)
{
    SqliteStatement s(m_db, (QByteArray(kClipColumns) + "WHERE set_id = ? AND clip = ?").constData());
    s.bind(1, setId).bind(2, clipName);
    if (!s.step())
        return std::nullopt;
    return readClip(s);
}

} // namespace ms::db
