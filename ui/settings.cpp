#include "ui/settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QVariant>

namespace ms::ui {

namespace {

// The single table of keys and defaults.
struct Key
{
    const char *name;
    QVariant (*fallback)();
};

const Key kAnnotator{"annotation/annotator", [] { return QVariant(QString()); }};
const Key kRecentProjects{"files/recentProjects", [] { return QVariant(QStringList()); }};
const Key kLastFolder{"files/lastFolder", [] { return QVariant(QDir::homePath()); }};
const Key kWindowGeometry{"window/geometry", [] { return QVariant(QByteArray()); }};
const Key kWindowState{"window/state", [] { return QVariant(QByteArray()); }};
const Key kClipNamePattern{"clips/namePattern", [] { return QVariant(QStringLiteral("<film>-###")); }};
const Key kClipsMayOverlap{"clips/mayOverlap", [] { return QVariant(false); }};

QVariant read(const QSettings &s, const Key &k)
{
    return s.value(QLatin1String(k.name), k.fallback());
}

void write(QSettings &s, const Key &k, const QVariant &v)
{
    s.setValue(QLatin1String(k.name), v);
}

} // namespace

Settings::Settings() : m_settings(std::make_unique<QSettings>()) {}

Settings::Settings(const QString &iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

Settings::~Settings() = default;
Settings::Settings(Settings &&) noexcept = default;
Settings &Settings::operator=(Settings &&) noexcept = default;

QString Settings::annotator() const
{
    return read(*m_settings, kAnnotator).toString().trimmed();
}

void Settings::setAnnotator(const QString &name)
{
    write(*m_settings, kAnnotator, name.trimmed());
}

QStringList Settings::recentProjects() const
{
    return read(*m_settings, kRecentProjects).toStringList();
}

void Settings::addRecentProject(const QString &path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = recentProjects();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecentProjects)
        list.removeLast();
    write(*m_settings, kRecentProjects, list);
}

void Settings::removeRecentProject(const QString &path)
{
    QStringList list = recentProjects();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    write(*m_settings, kRecentProjects, list);
}

QString Settings::lastFolder() const
{
    return read(*m_settings, kLastFolder).toString();
}

void Settings::setLastFolder(const QString &folder)
{
    write(*m_settings, kLastFolder, folder);
}

QByteArray Settings::windowGeometry() const
{
    return read(*m_settings, kWindowGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    write(*m_settings, kWindowGeometry, geometry);
}

QByteArray Settings::windowState() const
{
    return read(*m_settings, kWindowState).toByteArray();
}

void Settings::setWindowState(const QByteArray &state)
{
    write(*m_settings, kWindowState, state);
}

void Settings::sync()
{
    m_settings->sync();
}

QString Settings::clipNamePattern() const
{
    const QString p = read(*m_settings, kClipNamePattern).toString().trimmed();
    return p.isEmpty() ? kClipNamePattern.fallback().toString() : p;
}

void Settings::setClipNamePattern(const QString &pattern)
{
    write(*m_settings, kClipNamePattern, pattern.trimmed());
}

bool Settings::clipsMayOverlap() const
{
    return read(*m_settings, kClipsMayOverlap).toBool();
}

void Settings::setClipsMayOverlap(bool on)
{
    write(*m_settings, kClipsMayOverlap, on);
}

} // namespace ms::ui
