#pragma once

// Small helpers shared by the tests (header-only: no test recompiles a
// library source file).

#include "core/importrecord.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace ms::test {

inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write test fixture %s", qPrintable(path));
    f.write(bytes);
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// The shared folder with the real data (MODALSCOPE_SHARED). CI sets it
// relative to the repository root ("../shared"), while CTest runs tests in
// the build tree, so a relative value is tried against both.
inline QString sharedDir()
{
    const QString v = qEnvironmentVariable("MODALSCOPE_SHARED");
    if (v.isEmpty())
        return {};
    if (QFileInfo(v).isAbsolute())
        return QFileInfo::exists(v) ? v : QString();
    for (const QString &base : {QDir::currentPath(), QStringLiteral(MS_TEST_SOURCE_DIR "/..")}) {
        const QString p = QDir(base).absoluteFilePath(v);
        if (QFileInfo::exists(p))
            return QDir::cleanPath(p);
    }
    return {};
}

inline QString obygazeTable()
{
    const QString dir = sharedDir();
    if (dir.isEmpty())
        return {};
    const QString p = dir + QStringLiteral("/datasets/obygaze12/ObyGaze12_thresh_02.csv");
    return QFileInfo::exists(p) ? p : QString();
}

// Runs the ffmpeg tool quietly, overwriting its outputs; false, with its
// error output as a warning, when it fails.
inline bool ffmpeg(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral("ffmpeg"), QStringList{"-loglevel", "error", "-y"} + args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit ||
        p.exitCode() != 0) {
        qWarning("ffmpeg failed: %s", p.readAllStandardError().constData());
        return false;
    }
    return true;
}

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline CliResult runCli(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(MS_CLI_PATH), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// The id of the clip named `name` among `source.clips()` (a ui::ProjectDocument).
template <typename Source> qint64 clipIdByName(const Source &source, const QString &name)
{
    for (const auto &c : source.clips())
        if (c.name == name)
            return c.id;
    qFatal("no clip %s", qPrintable(name));
}

// A clip of `movie` from `start` for `lengthMs`, with `level` (none: not
// annotated), as an importer would read it.
inline core::ImportRecord timedRecord(const QString &clip, const QString &movie, qint64 start,
                                      qint64 lengthMs = 4000,
                                      std::optional<core::Level> level = std::nullopt)
{
    core::ImportRecord r;
    r.clipId = clip;
    r.movieId = movie;
    r.hasTimes = true;
    r.startMs = start;
    r.endMs = start + lengthMs;
    r.level = level;
    return r;
}

// The film of the clip named `name` among `source.clips()`.
template <typename Source> qint64 filmIdOfClip(const Source &source, const QString &name)
{
    return source.clip(clipIdByName(source, name))->filmId;
}

} // namespace ms::test
