#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

class QSettings;

namespace ms::ui {

// The GUI's persistent preferences, typed, over QSettings. Every key and its
// default live in settings.cpp, so no widget spells a key or guesses a default.
// Tests pass an INI file path to stay away from the user's real settings.
class Settings
{
public:
    static constexpr int kMaxRecentProjects = 8;

    // The platform's user settings for the application name set on QCoreApplication.
    Settings();
    explicit Settings(const QString &iniPath);
    ~Settings();
    Settings(Settings &&) noexcept;
    Settings &operator=(Settings &&) noexcept;

    // The name written with every annotation made in the GUI; empty until asked.
    QString annotator() const;
    void setAnnotator(const QString &name);

    // Most recent first, absolute paths, no duplicates.
    QStringList recentProjects() const;
    void addRecentProject(const QString &path);
    void removeRecentProject(const QString &path);

    // Where the file dialogs start.
    QString lastFolder() const;
    void setLastFolder(const QString &folder);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    // The layout of the window's splitters (docks, later).
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // How new clips are named (core::ClipNamePattern, "<film>-###"), and
    // whether clips of one film may overlap (off: edits that would make
    // them overlap are refused).
    QString clipNamePattern() const;
    void setClipNamePattern(const QString &pattern);
    bool clipsMayOverlap() const;
    void setClipsMayOverlap(bool on);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace ms::ui
