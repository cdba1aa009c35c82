#include "sync/teamserver.h"

#include "sync/pgconnection.h"
#include "sync/servererror.h"

#include <QRegularExpression>

namespace ms::sync {

namespace {

// The schema. Only the table owner (who ran `team init`) writes the state
// tables, through apply_change() (SECURITY DEFINER); members and
// coordinators only ever INSERT into modalscope.changes, and the policy
// changes_write decides which rows they may insert.
const char *kSchema[] = {
    "CREATE SCHEMA modalscope",
    "REVOKE ALL ON SCHEMA modalscope FROM PUBLIC",
    "CREATE TABLE modalscope.members("
    "  name text PRIMARY KEY,"
    "  coordinator boolean NOT NULL DEFAULT false,"
    "  added_at timestamptz NOT NULL DEFAULT now())",
    "CREATE SEQUENCE modalscope.change_seq",
    // The ordered, idempotent change log. seq, author and received_at are
    // stamped by the server (changes_stamp), whatever the client sends.
    "CREATE TABLE modalscope.changes("
    "  seq bigint PRIMARY KEY,"
    "  change_id uuid NOT NULL UNIQUE,"
    "  origin uuid NOT NULL,"
    "  author text NOT NULL,"
    "  kind text NOT NULL CHECK (kind IN ('annotation','film','clip','concept','concept_rename')),"
    "  key text NOT NULL,"
    "  annotator text,"
    "  level text CHECK (level IN ('EN','HN','S')),"
    "  concepts text NOT NULL DEFAULT '',"
    "  note text NOT NULL DEFAULT '',"
    "  value jsonb,"
    "  changed_at timestamptz NOT NULL,"
    "  received_at timestamptz NOT NULL,"
    "  CHECK ((kind = 'annotation') = (annotator IS NOT NULL)))",
    "CREATE TABLE modalscope.films("
    "  movie_id text PRIMARY KEY,"
    "  title text NOT NULL DEFAULT '',"
    "  seq bigint NOT NULL)",
    "CREATE TABLE modalscope.clips("
    "  name text PRIMARY KEY,"
    "  movie_id text NOT NULL REFERENCES modalscope.films(movie_id),"
    "  start_ms bigint,"
    "  end_ms bigint,"
    "  seq bigint NOT NULL)",
    "CREATE TABLE modalscope.concepts("
    "  name text PRIMARY KEY,"
    "  modality text CHECK (modality IN ('V','A','T')),"
    "  description text NOT NULL DEFAULT '',"
    "  retired boolean NOT NULL DEFAULT false,"
    "  position integer NOT NULL DEFAULT 0,"
    "  seq bigint NOT NULL)",
    "CREATE TABLE modalscope.annotations("
    "  clip text NOT NULL,"
    "  annotator text NOT NULL,"
    "  level text NOT NULL,"
    "  concepts text NOT NULL DEFAULT '',"
    "  note text NOT NULL DEFAULT '',"
    "  changed_at timestamptz NOT NULL,"
    "  author text NOT NULL,"
    "  seq bigint NOT NULL,"
    "  PRIMARY KEY (clip, annotator))",
    "CREATE FUNCTION modalscope.is_coordinator() RETURNS boolean LANGUAGE sql STABLE AS "
    "$$ SELECT pg_has_role(current_user, 'modalscope_coordinator', 'MEMBER') $$",
    // Sequence numbers are taken under one transaction-level lock, so they
    // become visible in the order they were handed out: a reader that has
    // seen seq n has seen every seq below it, and "pull after n" never skips
    // a change committed late.
    "CREATE FUNCTION modalscope.stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  PERFORM pg_advisory_xact_lock(7245401);\n"
    "  NEW.seq := nextval('modalscope.change_seq');\n"
    "  NEW.author := current_user;\n"
    "  NEW.received_at := clock_timestamp();\n"
    "  RETURN NEW;\n"
    "END $$",
    "CREATE TRIGGER changes_stamp BEFORE INSERT ON modalscope.changes "
    "FOR EACH ROW EXECUTE FUNCTION modalscope.stamp_change()",
    "CREATE FUNCTION modalscope.apply_change() RETURNS trigger LANGUAGE plpgsql "
    "SECURITY DEFINER SET search_path = pg_catalog, modalscope AS $$\n"
    "BEGIN\n"
    "  IF NEW.kind = 'annotation' THEN\n"
    "    IF NEW.level IS NULL THEN\n"
    "      DELETE FROM modalscope.annotations WHERE clip = NEW.key AND annotator = NEW.annotator;\n"
    "    ELSE\n"
    "      INSERT INTO modalscope.annotations(clip, annotator, level, concepts, note, changed_at, "
    "author, seq) VALUES (NEW.key, NEW.annotator, NEW.level, NEW.concepts, NEW.note, "
    "NEW.changed_at, NEW.author, NEW.seq)\n"
    "      ON CONFLICT (clip, annotator) DO UPDATE SET level = EXCLUDED.level, concepts = "
    "EXCLUDED.concepts, note = EXCLUDED.note, changed_at = EXCLUDED.changed_at, author = "
    "EXCLUDED.author, seq = EXCLUDED.seq;\n"
    "    END IF;\n"
    "  ELSIF NEW.kind = 'film' THEN\n"
    "    INSERT INTO modalscope.films(movie_id, title, seq) VALUES (NEW.key, "
    "coalesce(NEW.value->>'title', ''), NEW.seq)\n"
    "    ON CONFLICT (movie_id) DO UPDATE SET title = EXCLUDED.title, seq = EXCLUDED.seq;\n"
    // A removed clip leaves the team's clips; its annotations stay in the
    // state (and the log) and count again should it come back.
    "  ELSIF NEW.kind = 'clip' AND coalesce((NEW.value->>'deleted')::boolean, false) THEN\n"
    "    DELETE FROM modalscope.clips WHERE name = NEW.key;\n"
    "  ELSIF NEW.kind = 'clip' THEN\n"
    "    INSERT INTO modalscope.films(movie_id, title, seq) VALUES (NEW.value->>'film', '', "
    "NEW.seq)\n"
    "    ON CONFLICT (movie_id) DO NOTHING;\n"
    "    INSERT INTO modalscope.clips(name, movie_id, start_ms, end_ms, seq) VALUES (NEW.key, "
    "NEW.value->>'film', (NEW.value->>'start')::bigint, (NEW.value->>'end')::bigint, NEW.seq)\n"
    "    ON CONFLICT (name) DO UPDATE SET movie_id = EXCLUDED.movie_id, start_ms = "
    "EXCLUDED.start_ms, end_ms = EXCLUDED.end_ms, seq = EXCLUDED.seq;\n"
    "  ELSIF NEW.kind = 'concept' THEN\n"
    "    INSERT INTO modalscope.concepts(name, modality, description, retired, position, seq) "
    "VALUES (NEW.key, NEW.value->>'modality', coalesce(NEW.value->>'description', ''), "
    "coalesce((NEW.value->>'retired')::boolean, false), coalesce((NEW.value->>'position')::int, "
    "0), "
    "NEW.seq)\n"
    "    ON CONFLICT (name) DO UPDATE SET modality = EXCLUDED.modality, description = "
    "EXCLUDED.description, retired = EXCLUDED.retired, position = EXCLUDED.position, seq = "
    "EXCLUDED.seq;\n"
    "  ELSIF NEW.kind = 'concept_rename' THEN\n"
    "    UPDATE modalscope.concepts SET name = NEW.value->>'name', seq = NEW.seq WHERE name = "
    "NEW.key;\n"
    "    UPDATE modalscope.annotations SET concepts = array_to_string(array_replace("
    "string_to_array(concepts, '|'), NEW.key, NEW.value->>'name'), '|') "
    "WHERE NEW.key = ANY (string_to_array(concepts, '|'));\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END $$",
    "CREATE TRIGGER changes_apply AFTER INSERT ON modalscope.changes "
    "FOR EACH ROW EXECUTE FUNCTION modalscope.apply_change()",
    // Row-level security: everyone in the team reads everything; a member
    // inserts only changes of their own annotations, of clips the team has;
    // a coordinator also changes films, clips and concepts, decides the
    // consensus, and publishes the annotations of annotators who are not
    // members (an imported table) -- never another member's.
    "ALTER TABLE modalscope.changes ENABLE ROW LEVEL SECURITY",
    "ALTER TABLE modalscope.changes FORCE ROW LEVEL SECURITY",
    "CREATE POLICY changes_read ON modalscope.changes FOR SELECT USING (true)",
    "CREATE POLICY changes_write ON modalscope.changes FOR INSERT WITH CHECK ("
    "  author = current_user AND ("
    "   (kind = 'annotation'"
    "    AND EXISTS (SELECT 1 FROM modalscope.clips c WHERE c.name = key)"
    "    AND (annotator = current_user"
    "         OR (modalscope.is_coordinator() AND (annotator = 'consensus'"
    "             OR NOT EXISTS (SELECT 1 FROM modalscope.members m WHERE m.name = annotator)))))"
    "   OR (kind <> 'annotation' AND modalscope.is_coordinator())))",
    "ALTER TABLE modalscope.annotations ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY annotations_read ON modalscope.annotations FOR SELECT USING (true)",
    "GRANT USAGE ON SCHEMA modalscope TO modalscope_member, modalscope_coordinator",
    "GRANT SELECT ON ALL TABLES IN SCHEMA modalscope TO modalscope_member, modalscope_coordinator",
    "GRANT INSERT ON modalscope.changes TO modalscope_member, modalscope_coordinator",
    "GRANT USAGE ON SEQUENCE modalscope.change_seq TO modalscope_member, modalscope_coordinator",
};

const char *kRoles =
    "DO $$ BEGIN\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'modalscope_member') THEN\n"
    "    CREATE ROLE modalscope_member NOLOGIN;\n"
    "  END IF;\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'modalscope_coordinator') THEN\n"
    "    CREATE ROLE modalscope_coordinator NOLOGIN;\n"
    "  END IF;\n"
    "END $$";

} // namespace

bool TeamServer::isValidMemberName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    return re.match(name).hasMatch() && !name.startsWith(QLatin1String("pg_")) &&
           name != QLatin1String("consensus") && name != QLatin1String("public") &&
           !name.startsWith(QLatin1String("modalscope_"));
}

bool TeamServer::isInitialised()
{
    return m_conn.exec("SELECT to_regclass('modalscope.changes') IS NOT NULL").text(0, 0) == u"t";
}

void TeamServer::requireInitialised()
{
    if (!isInitialised())
        throw ServerError(QStringLiteral("%1 has no Modalscope team yet: run `modalscope-cli team "
                                         "init --db P --server URI` first")
                              .arg(m_conn.describe()),
                          QString(), false);
}

void TeamServer::createSchema()
{
    if (isInitialised())
        throw ServerError(QStringLiteral("%1 already holds a Modalscope team (schema modalscope); "
                                         "join it with `modalscope-cli team join` instead")
                              .arg(m_conn.describe()),
                          QString(), false);
    m_conn.exec(kRoles);
    for (const char *sql : kSchema)
        m_conn.exec(sql);
    const QString me = m_conn.user();
    m_conn.exec(QStringLiteral("GRANT modalscope_member, modalscope_coordinator TO %1")
                    .arg(m_conn.escapeIdentifier(me))
                    .toUtf8()
                    .constData());
    m_conn.exec("INSERT INTO modalscope.members(name, coordinator) VALUES ($1, true)", {me});
}

void TeamServer::addMember(const QString &name, bool coordinator, const QString &password)
{
    if (!isValidMemberName(name))
        throw ServerError(QStringLiteral("'%1' cannot be a member name: use lower-case letters, "
                                         "digits and '_', starting with a letter, at most 40 "
                                         "(it is both the PostgreSQL role and the annotator name; "
                                         "'consensus' and names starting pg_ or modalscope_ are "
                                         "reserved)")
                              .arg(name),
                          QString(), false);
    requireInitialised();
    m_conn.begin();
    try {
        const QString role = m_conn.escapeIdentifier(name);
        const bool exists =
            m_conn.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {name}).rows() > 0;
        if (!exists)
            m_conn.exec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(role).toUtf8().constData());
        m_conn.exec(QStringLiteral("GRANT modalscope_member TO %1").arg(role).toUtf8().constData());
        if (coordinator)
            m_conn.exec(QStringLiteral("GRANT modalscope_coordinator TO %1")
                            .arg(role)
                            .toUtf8()
                            .constData());
        else
            m_conn.exec(QStringLiteral("REVOKE modalscope_coordinator FROM %1")
                            .arg(role)
                            .toUtf8()
                            .constData());
        if (!password.isEmpty())
            m_conn.exec(QStringLiteral("ALTER ROLE %1 PASSWORD %2")
                            .arg(role, m_conn.escapeLiteral(m_conn.encryptPassword(name, password)))
                            .toUtf8()
                            .constData());
        m_conn.exec("INSERT INTO modalscope.members(name, coordinator) VALUES ($1, $2) "
                    "ON CONFLICT (name) DO UPDATE SET coordinator = $2",
                    {name, coordinator});
        m_conn.commit();
    } catch (...) {
        m_conn.rollback();
        throw;
    }
}

QList<TeamMember> TeamServer::members()
{
    requireInitialised();
    QList<TeamMember> out;
    const PgResult r =
        m_conn.exec("SELECT name, coordinator FROM modalscope.members ORDER BY name");
    for (int i = 0; i < r.rows(); ++i)
        out.append({r.text(i, 0), r.text(i, 1) == u"t"});
    return out;
}

qint64 TeamServer::lastSequence()
{
    return m_conn.exec("SELECT coalesce(max(seq), 0) FROM modalscope.changes").int64(0, 0);
}

} // namespace ms::sync
