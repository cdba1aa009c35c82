#pragma once

#include <QString>

namespace ms::db {

// Where a project lives: a SQLite file today; the team issue adds a server
// (postgresql://...). Everything that opens a project is handed one of these
// (not a bare path) and opens it through ProjectDatabase::open(location, mode),
// the one place that knows the kinds.
class ProjectLocation
{
public:
    enum class Kind { None, File };

    ProjectLocation() = default;
    static ProjectLocation file(const QString &path)
    {
        ProjectLocation l;
        l.m_kind = path.isEmpty() ? Kind::None : Kind::File;
        l.m_text = path;
        return l;
    }
    // What a user types or a setting stores (a file path for now).
    static ProjectLocation parse(const QString &text) { return file(text.trimmed()); }

    Kind kind() const { return m_kind; }
    bool isValid() const { return m_kind != Kind::None; }
    bool isFile() const { return m_kind == Kind::File; }
    // The file's path (empty unless isFile()).
    QString filePath() const { return isFile() ? m_text : QString(); }
    // What parse() reads back; also what the window title shows.
    QString toString() const { return m_text; }

    friend bool operator==(const ProjectLocation &, const ProjectLocation &) = default;

private:
    Kind m_kind = Kind::None;
    QString m_text;
};

} // namespace ms::db
