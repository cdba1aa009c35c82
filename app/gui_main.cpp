// modalscope: the GUI. `modalscope [PROJECT]` opens PROJECT if given;
// `modalscope --screenshot OUT.png [PROJECT]` renders the main window to a PNG
// and exits, for documentation and for tests of the whole window.
#include "ui/mainwindow.h"
#include "ui/segmentationsession.h"
#include "ui/playerwidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QEventLoop>
#include <QImage>
#include <QMessageBox>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <memory>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Modalscope"));
    QApplication::setApplicationName(QStringLiteral("modalscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Modalscope"));
    QApplication::setApplicationVersion(QStringLiteral(MODALSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Annotate film clips (EN/HN/S and explanatory concepts by modality)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to OUT.png once the project is loaded, then exit."),
        QStringLiteral("OUT.png"));
    parser.addOption(screenshot);
    const QCommandLineOption explanations(
        QStringLiteral("explanations"),
        QStringLiteral("Show this stored explanation set on the timeline (the ids the Run: "
                       "chooser lists; 0 for none)."),
        QStringLiteral("SET"));
    parser.addOption(explanations);
    const QCommandLineOption clip(QStringLiteral("clip"),
                                  QStringLiteral("Select the clip with this name."),
                                  QStringLiteral("NAME"));
    parser.addOption(clip);
    const QCommandLineOption at(QStringLiteral("at"),
                                QStringLiteral("Move the player to this film time (ms), after "
                                               "--clip."),
                                QStringLiteral("MS"));
    parser.addOption(at);
    const QCommandLineOption segment(
        QStringLiteral("segment"),
        QStringLiteral("Propose clips for the shown film (shots, fixed or cues) and show the "
                       "proposal on the timeline, as Film > Segment Film into Clips does."),
        QStringLiteral("METHOD"));
    parser.addOption(segment);
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("Modalscope project file to open"),
                                 QStringLiteral("[PROJECT]"));
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() > 1) {
        std::fprintf(stderr, "modalscope: at most one project file, got %d\n", int(args.size()));
        return 2;
    }
    const QString project = args.value(0);
    if ((parser.isSet(explanations) || parser.isSet(clip) || parser.isSet(segment) ||
         parser.isSet(at)) &&
        project.isEmpty()) {
        std::fprintf(stderr,
                     "modalscope: --explanations, --clip, --at and --segment need a project\n");
        return 2;
    }
    bool atOk = true;
    const qint64 atMs = parser.value(at).toLongLong(&atOk);
    if (parser.isSet(at) && (!atOk || atMs < 0)) {
        std::fprintf(stderr, "modalscope: --at takes a time in ms, got '%s'\n",
                     qPrintable(parser.value(at)));
        return 2;
    }
    bool setOk = true;
    const qint64 setId = parser.value(explanations).toLongLong(&setOk);
    if (parser.isSet(explanations) && !setOk) {
        std::fprintf(stderr, "modalscope: --explanations takes a number, got '%s'\n",
                     qPrintable(parser.value(explanations)));
        return 2;
    }
    // After the project is open: the set, then the clip (which loads its film).
    auto applyOptions = [&](ms::ui::MainWindow &w) {
        if (parser.isSet(explanations)) {
            if (!w.showExplanationSet(setId))
                return false;
            w.explanationDock()->raise();
        }
        if (parser.isSet(clip) && !w.selectClipByName(parser.value(clip)))
            return false;
        if (parser.isSet(segment)) {
            using Method = ms::ui::SegmentationSession::Method;
            const QString m = parser.value(segment).toLower();
            if (m != u"shots" && m != u"fixed" && m != u"cues") {
                std::fprintf(stderr, "modalscope: --segment takes shots, fixed or cues\n");
                return false;
            }
            ms::ui::SegmentationSession::Parameters p;
            p.method = m == u"fixed" ? Method::Fixed : m == u"cues" ? Method::Cues : Method::Shots;
            if (!w.segmentationSession()->propose(p)) {
                std::fprintf(stderr, "modalscope: %s\n",
                             qPrintable(w.segmentationSession()->lastError()));
                return false;
            }
        }
        return true;
    };

    // A screenshot neither reads nor writes the user's settings: the picture
    // is the same on every machine and the recent-projects list stays clean.
    std::unique_ptr<QTemporaryDir> scratch;
    if (parser.isSet(screenshot))
        scratch = std::make_unique<QTemporaryDir>();
    ms::ui::MainWindow window(
        scratch ? ms::ui::Settings(scratch->filePath(QStringLiteral("settings.ini")))
                : ms::ui::Settings());
    if (parser.isSet(screenshot)) {
        // Laid out and polished as if shown, without appearing on a desktop.
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.resize(1400, 850);
        if (!project.isEmpty() && !window.openProject(project)) {
            std::fprintf(stderr, "modalscope: %s\n", qPrintable(window.lastError()));
            return 1;
        }
        window.show();
        QApplication::processEvents();
        if (!project.isEmpty() && !applyOptions(window)) {
            std::fprintf(stderr, "modalscope: %s\n", qPrintable(window.lastError()));
            return 1;
        }
        // The picture should show the film: wait (at most 20 s) for the first
        // video frame, the finished waveform and the subtitles when a film is loaded.
        if (!project.isEmpty()) {
            QEventLoop loop;
            QTimer timeout;
            timeout.setSingleShot(true);
            QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
            auto ready = [&window] {
                const bool frame = !window.player()->hasMedia() || window.player()->hasFrame();
                return frame && window.isFilmReady() &&
                       !window.segmentationSession()->isDetecting();
            };
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
                if (ready())
                    loop.quit();
            });
            poll.start(50);
            timeout.start(20000);
            if (!ready())
                loop.exec();
            if (!ready())
                std::fprintf(stderr, "modalscope: screenshot taken before the film was ready\n");
            // --at: seek once the film is ready, and give the player a
            // moment to show the frame at the new time.
            if (parser.isSet(at)) {
                window.player()->seek(atMs);
                QTimer settle;
                settle.setSingleShot(true);
                QObject::connect(&settle, &QTimer::timeout, &loop, &QEventLoop::quit);
                settle.start(1500);
                loop.exec();
            }
            // One more round so the last frame and lane are painted.
            QApplication::processEvents();
        }
        const QString out = parser.value(screenshot);
        if (!window.grab().save(out, "PNG")) {
            std::fprintf(stderr, "modalscope: %s: cannot write the PNG\n", qPrintable(out));
            return 1;
        }
        return 0;
    }

    window.show();
    if (!project.isEmpty()) {
        // After the event loop starts, so the error box has a window to sit on.
        QTimer::singleShot(0, &window, [&window, project, applyOptions] {
            if (!window.openProject(project))
                QMessageBox::critical(&window, QObject::tr("Cannot open project"),
                                      window.lastError());
            else if (!applyOptions(window))
                QMessageBox::warning(&window, QObject::tr("Modalscope"), window.lastError());
        });
    }
    return app.exec();
}
