#include "database/projectdatabase.h"

#include "core/error.h"
#include "core/taxonomy.h"
#include "database/sqlitefilestate.h"
#include "database/transaction.h"

#include <QFileInfo>

using ms::core::UserError;

namespace ms::db {

namespace {

const char *kSchemaV1 = R"SQL(
CREATE TABLE project_meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE concepts(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  modality TEXT CHECK (modality IN ('V','A','T')),
  description TEXT NOT NULL DEFAULT '',
  retired INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL
);
CREATE TABLE films(
  id INTEGER PRIMARY KEY,
  movie_id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT ''
);
CREATE TABLE clips(
  id INTEGER PRIMARY KEY,
  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  name TEXT NOT NULL UNIQUE,
  start_ms INTEGER,
  end_ms INTEGER,
  source_label TEXT NOT NULL DEFAULT '',
  CHECK (start_ms IS NULL OR end_ms IS NULL OR end_ms >= start_ms)
);
CREATE INDEX clips_by_film ON clips(film_id);
CREATE TABLE annotations(
  id INTEGER PRIMARY KEY,
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  annotator TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('EN','HN','S')),
  note TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (clip_id, annotator)
);
CREATE TABLE annotation_concepts(
  annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  concept_id INTEGER NOT NULL REFERENCES concepts(id),
  PRIMARY KEY (annotation_id, concept_id)
) WITHOUT ROWID;
CREATE INDEX annotation_concepts_by_concept ON annotation_concepts(concept_id);
-- Every change to an annotation, appended in the same transaction as the
-- change: who, what, when, from where. Undo and inter-annotator agreement
-- read it; nothing ever deletes from it but the removal of the clip.
CREATE TABLE annotation_history(
  id INTEGER PRIMARY KEY,
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  annotator TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('set','clear')),
  level TEXT,
  concepts TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  changed_at TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX annotation_history_by_clip ON annotation_history(clip_id);
)SQL";

// Media and features: films get their media file, feature matrices are stored
// per clip and extractor, synthetic ground truth (planted spans) beside them.
const char *kSchemaV2 = R"SQL(
ALTER TABLE films ADD COLUMN media_path TEXT NOT NULL DEFAULT '';
ALTER TABLE films ADD COLUMN media_fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE films ADD COLUMN media_probe TEXT NOT NULL DEFAULT '';
ALTER TABLE films ADD COLUMN subtitles_path TEXT NOT NULL DEFAULT '';
CREATE TABLE extractors(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  params_hash TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  modality TEXT NOT NULL CHECK (modality IN ('V','A','T')),
  synthetic INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (name, version, params_hash, modality)
);
-- data: float32 little-endian, tokens x dim, row-major; spans: int64 pairs
-- (start_ms, end_ms) per token. input_hash identifies what the matrix was
-- computed from, so unchanged inputs are never extracted twice.
CREATE TABLE clip_features(
  id INTEGER PRIMARY KEY,
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  extractor_id INTEGER NOT NULL REFERENCES extractors(id) ON DELETE CASCADE,
  tokens INTEGER NOT NULL CHECK (tokens > 0),
  dim INTEGER NOT NULL CHECK (dim > 0),
  data BLOB NOT NULL,
  spans BLOB NOT NULL,
  input_hash TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (clip_id, extractor_id)
);
CREATE INDEX clip_features_by_extractor ON clip_features(extractor_id);
CREATE TABLE planted_spans(
  id INTEGER PRIMARY KEY,
  clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
  extractor_id INTEGER NOT NULL REFERENCES extractors(id) ON DELETE CASCADE,
  concept TEXT NOT NULL,
  token_start INTEGER NOT NULL,
  token_end INTEGER NOT NULL
);
CREATE INDEX planted_spans_by_clip ON planted_spans(clip_id, extractor_id);
)SQL";

// Training runs: what was trained on what (configuration, hashes of the
// annotations and features, seed, device, library versions), the trained
// weights (torch::serialize bytes, kept in the project so it stays one
// self-contained file), per-fold metrics and per-clip test predictions, so a
// run can be reopened for inference and explanations without retraining.
const char *kSchemaV3 = R"SQL(
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('running','finished','cancelled','failed')),
  created_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT '',
  config TEXT NOT NULL DEFAULT '{}',
  annotations_hash TEXT NOT NULL DEFAULT '',
  features_hash TEXT NOT NULL DEFAULT '',
  seed TEXT NOT NULL DEFAULT '0',
  device TEXT NOT NULL DEFAULT '',
  versions TEXT NOT NULL DEFAULT '{}',
  synthetic INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT ''
);
CREATE TABLE run_models(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  modalities TEXT NOT NULL,
  train_set TEXT NOT NULL,
  fold INTEGER NOT NULL,
  config TEXT NOT NULL,
  weights BLOB NOT NULL,
  parameters INTEGER NOT NULL,
  best_epoch INTEGER NOT NULL,
  best_validation_auc_pr REAL,
  history TEXT NOT NULL DEFAULT '[]',
  UNIQUE (run_id, modalities, train_set, fold)
);
CREATE TABLE run_results(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  modalities TEXT NOT NULL,
  fusion TEXT NOT NULL CHECK (fusion IN ('none','early','late')),
  train_set TEXT NOT NULL,
  test_set TEXT NOT NULL,
  fold INTEGER NOT NULL,
  auc_pr REAL,
  roc_auc REAL,
  positives INTEGER NOT NULL,
  negatives INTEGER NOT NULL,
  models TEXT NOT NULL DEFAULT '',
  UNIQUE (run_id, modalities, fusion, train_set, fold)
);
CREATE TABLE run_predictions(
  result_id INTEGER NOT NULL REFERENCES run_results(id) ON DELETE CASCADE,
  clip TEXT NOT NULL,
  score REAL NOT NULL,
  target INTEGER NOT NULL,
  PRIMARY KEY (result_id, clip)
) WITHOUT ROWID;
)SQL";

// Explanations of a run's models (see ExplanationRepository): one set per
// explained result and baseline, one row per clip with its scores, Shapley
// values, interactions and attribution errors, and the clip's token
// relevances (rollout, film time) as one blob: int32 modality, int64 start
// ms, int64 end ms, float32 relevance per token, little-endian.
const char *kSchemaV4 = R"SQL(
CREATE TABLE explanation_sets(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  result_id INTEGER NOT NULL REFERENCES run_results(id) ON DELETE CASCADE,
  baseline TEXT NOT NULL CHECK (baseline IN ('mean','zeros','noise','drop')),
  modalities TEXT NOT NULL,
  fusion TEXT NOT NULL,
  train_set TEXT NOT NULL,
  fold INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  threshold REAL NOT NULL,
  UNIQUE (result_id, baseline)
);
CREATE INDEX explanation_sets_by_run ON explanation_sets(run_id);
CREATE TABLE clip_explanations(
  id INTEGER PRIMARY KEY,
  set_id INTEGER NOT NULL REFERENCES explanation_sets(id) ON DELETE CASCADE,
  clip TEXT NOT NULL,
  v_full REAL NOT NULL,
  v_empty REAL NOT NULL,
  score_v REAL, score_a REAL, score_t REAL,
  phi_v REAL, phi_a REAL, phi_t REAL,
  inter_va REAL, inter_vt REAL, inter_at REAL,
  three_way REAL,
  interaction_share REAL,
  spurious TEXT NOT NULL DEFAULT '',
  missed TEXT NOT NULL DEFAULT '',
  error_text TEXT NOT NULL DEFAULT '',
  tokens BLOB NOT NULL,
  UNIQUE (set_id, clip)
);
)SQL";

// Removed clips, kept so that nothing said about a clip is lost and undo can
// bring it back (see ClipRepository): the clip row and its annotations,
// concepts and history rows, each as a JSON object of its columns.
const char *kSchemaV5 = R"SQL(
CREATE TABLE deleted_clips(
  id INTEGER PRIMARY KEY,
  clip_id INTEGER NOT NULL,
  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  clip TEXT NOT NULL,
  deleted_at TEXT NOT NULL
);
CREATE INDEX deleted_clips_by_clip ON deleted_clips(clip_id);
CREATE TABLE deleted_clip_rows(
  id INTEGER PRIMARY KEY,
  deleted_clip INTEGER NOT NULL REFERENCES deleted_clips(id) ON DELETE CASCADE,
  tbl TEXT NOT NULL,
  row TEXT NOT NULL
);
CREATE INDEX deleted_clip_rows_by_clip ON deleted_clip_rows(deleted_clip);
)SQL";

// Concept keys (issue 13): the key the user chose for a concept, one letter
// or digit; empty means the default one (core::ConceptKeyMap).
const char *kSchemaConceptKeys = R"SQL(
ALTER TABLE concepts ADD COLUMN shortcut TEXT NOT NULL DEFAULT '';
)SQL";

// Team sync (sync/, docs/team.md): the local changes waiting to go up to the
// team server, recorded by a trigger in the same transaction as the edit
// (each with its client-generated UUID, so a change sent twice is stored
// once), and what was last published or pulled of the coordinator's films,
// clips and concepts, so a sync sends only what changed. Nothing is recorded
// while the project is not linked to a server (no team.server in
// project_meta) or for the changes a pull itself writes (source team:...).
const char *kSchemaTeamSync = R"SQL(
CREATE TABLE team_outbox(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('annotation','film','clip','concept','concept_rename')),
  history_id INTEGER REFERENCES annotation_history(id) ON DELETE CASCADE,
  key TEXT NOT NULL DEFAULT '',
  value TEXT NOT NULL DEFAULT ''
);
CREATE TABLE team_published(
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TRIGGER team_outbox_annotation AFTER INSERT ON annotation_history
WHEN NEW.source NOT LIKE 'team:%'
  AND EXISTS (SELECT 1 FROM project_meta WHERE key = 'team.server')
BEGIN
  INSERT INTO team_outbox(change_id, kind, history_id) VALUES (
    lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
          substr(hex(randomblob(2)), 2) || '-' ||
          substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
          hex(randomblob(6))),
    'annotation', NEW.id);
END;
-- Any change to films, clips or concepts counts up team.catalog_version
-- (present only in a linked project), so a sync compares the catalog with
-- what was published only when it changed.
CREATE TRIGGER team_catalog_films_i AFTER INSERT ON films BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_films_u AFTER UPDATE OF movie_id, title ON films BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_films_d AFTER DELETE ON films BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_clips_i AFTER INSERT ON clips BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_clips_u AFTER UPDATE OF name, film_id, start_ms, end_ms ON clips BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_clips_d AFTER DELETE ON clips BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_concepts_i AFTER INSERT ON concepts BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_concepts_u AFTER UPDATE ON concepts BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
CREATE TRIGGER team_catalog_concepts_d AFTER DELETE ON concepts BEGIN
  UPDATE project_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'team.catalog_version';
END;
)SQL";

// Ground truth of generated media (the demo corpus): the events planted in
// a film, in film time, with the modality and the concept they stand for.
// Token-level spans for the explainers' checks are derived from them
// (planted_spans) once features are extracted.
const char *kSchemaPlantedEvents = R"SQL(
CREATE TABLE planted_events(
  id INTEGER PRIMARY KEY,
  film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL CHECK (end_ms > start_ms),
  modality TEXT NOT NULL CHECK (modality IN ('V','A','T')),
  concept TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX planted_events_by_film ON planted_events(film_id, start_ms);
)SQL";

// Subtitles from inside the film (issue 13): the container index of the
// film's text subtitle stream chosen as its subtitles; -1 when they come
// from subtitles_path (or there are none).
const char *kSchemaSubtitleStream = R"SQL(
ALTER TABLE films ADD COLUMN subtitles_stream INTEGER NOT NULL DEFAULT -1;
)SQL";

void seedDefaultTaxonomy(SqliteDatabase &db)
{
    const core::Taxonomy tax = core::Taxonomy::defaultTaxonomy();
    auto st = db.prepare(
        "INSERT INTO concepts(name, modality, description, position) VALUES (?,?,?,?)");
    int pos = 0;
    for (const core::Concept &c : tax.concepts()) {
        st.bind(1, c.name);
        if (c.modality)
            st.bind(2, core::modalityLetter(*c.modality));
        else
            st.bindNull(2);
        st.bind(3, c.description).bind(4, pos++);
        st.run();
    }
}

} // namespace

const QList<ProjectDatabase::Migration> &ProjectDatabase::migrations()
{
    static const QList<Migration> steps = {
        {1, kSchemaV1, seedDefaultTaxonomy},
        {2, kSchemaV2, {}},
        {3, kSchemaV3, {}},
        {4, kSchemaV4, {}},
        {5, kSchemaV5, {}},
        {6, kSchemaConceptKeys, {}},
        {7, kSchemaTeamSync, {}},
        {8, kSchemaPlantedEvents, {}},
        {9, kSchemaSubtitleStream, {}},
    };
    return steps;
}

int ProjectDatabase::schemaVersion()
{
    return migrations().last().version;
}

void ProjectDatabase::migrate(SqliteDatabase &db, const QList<Migration> &steps)
{
    const int latest = steps.isEmpty() ? 0 : steps.last().version;
    const int current = db.userVersion();
    if (current > latest)
        throw UserError(QStringLiteral("%1 was written by a newer version of Modalscope (project "
                                       "schema %2; this version reads schema %3 and older). "
                                       "Open it with a newer Modalscope; the file was not changed.")
                            .arg(db.path())
                            .arg(current)
                            .arg(latest));
    for (const Migration &m : steps) {
        if (m.version <= current)
            continue;
        Transaction tx(db);
        db.exec(m.sql);
        if (m.after)
            m.after(db);
        db.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version));
        tx.commit();
    }
}

std::unique_ptr<ProjectDatabase> ProjectDatabase::open(const ProjectLocation &location, Mode mode)
{
    switch (location.kind()) {
    case ProjectLocation::Kind::File:
        return std::make_unique<ProjectDatabase>(location.filePath(), mode);
    case ProjectLocation::Kind::None:
        break;
    }
    throw UserError(QStringLiteral("no project was named: give the project file"));
}

ProjectDatabase::ProjectDatabase(const QString &path, Mode mode)
{
    const bool existed = QFileInfo::exists(path);
    // An empty file would silently become a project; opening one is a
    // mistake (a failed copy, a file of another program), so say so.
    if (existed && mode == Mode::OpenExisting && QFileInfo(path).isFile() && QFileInfo(path).size() == 0)
        throw UserError(QStringLiteral("%1 is an empty file, not a Modalscope project; nothing was "
                                       "changed").arg(path));
    m_db = std::make_unique<SqliteDatabase>(path, mode == Mode::OpenOrCreate
                                                      ? SqliteDatabase::Mode::OpenOrCreate
                                                      : SqliteDatabase::Mode::OpenExisting);
    SqliteDatabase &db = *m_db;
    // Read the version before any pragma that writes, so a newer or foreign
    // file is refused untouched.
    const int version = db.userVersion();
    if (version > schemaVersion())
        migrate(db, migrations()); // throws the "newer version" error
    if (existed && version > 0) {
        SqliteStatement check(db, "PRAGMA integrity_check");
        QStringList problems;
        while (check.step() && problems.size() < 5) {
            const QString line = check.text(0);
            if (line != u"ok")
                problems.append(line);
        }
        if (!problems.isEmpty())
            throw UserError(QStringLiteral("%1: the project file is damaged (integrity_check: "
                                           "%2). Restore a backup; nothing was changed.")
                                .arg(path, problems.join(QStringLiteral("; "))));
    } else if (existed && version == 0 && db.scalar("SELECT count(*) FROM sqlite_schema") > 0) {
        throw UserError(QStringLiteral("%1 is an SQLite file but not a Modalscope project; "
                                       "nothing was changed.")
                            .arg(path));
    }
    // A file that cannot be written was opened for reading only
    // (SqliteDatabase): nothing is written, not even the WAL switch.
    if (isReadOnly(db)) {
        if (version < schemaVersion())
            throw UserError(QStringLiteral("%1 is read-only and was written by an older version of "
                                           "Modalscope (project schema %2); it must be upgraded "
                                           "(schema %3) before it can be opened. Make it and its "
                                           "folder writable and open it once; nothing was changed.")
                                .arg(path)
                                .arg(version)
                                .arg(schemaVersion()));
        db.exec("PRAGMA foreign_keys = ON");
        return;
    }
    db.exec("PRAGMA journal_mode = WAL");
    // WAL + NORMAL: a commit survives a crash of the program (the data is in
    // the WAL, handed to the OS); only a power cut can lose the last commits.
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db, migrations());
}

} // namespace ms::db
