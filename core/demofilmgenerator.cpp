#include "core/demofilmgenerator.h"

#include "core/atomicfile.h"
#include "core/error.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>

namespace ms::core {

const QStringList &DemoFilmGenerator::script()
{
    static const QStringList lines = {
        QStringLiteral("Good evening, and welcome to the gallery."),
        QStringLiteral("Have you seen the new paintings upstairs?"),
        QStringLiteral("Look at her in that dress, nothing else matters."),
        QStringLiteral("The light in this room is beautiful at night."),
        QStringLiteral("I wrote the report you asked for yesterday."),
        QStringLiteral("She is just a pretty face, do not listen to her."),
        QStringLiteral("Can we talk about the budget tomorrow morning?"),
        QStringLiteral("Turn around, let me have a better look at you."),
        QStringLiteral("The train leaves at nine, we should hurry."),
        QStringLiteral("Smile for the men, darling, that is your job."),
        QStringLiteral("My sister is flying in from Lisbon on Friday."),
        QStringLiteral("Those legs could stop traffic on the avenue."),
        QStringLiteral("Please sign here, and here, and we are done."),
        QStringLiteral("Nobody hires her for her ideas, trust me."),
        QStringLiteral("The museum closes early on Sundays."),
        QStringLiteral("Come sit on my knee and keep me company."),
        QStringLiteral("I think the second chapter needs more work."),
        QStringLiteral("You should wear something shorter next time."),
        QStringLiteral("Thank you all for coming, good night."),
    };
    return lines;
}

static void runTool(const QString &tool, const QStringList &args, const QString &what)
{
    if (QStandardPaths::findExecutable(tool).isEmpty())
        throw UserError(QStringLiteral("the demo needs the '%1' tool; install it with "
                                       "scripts/install-deps.sh").arg(tool));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(tool, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        throw UserError(QStringLiteral("%1 failed while %2: %3")
                            .arg(tool, what, QString::fromLocal8Bit(p.readAll()).right(600)));
}

static double wavSeconds(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"), {"-v", "error", "-show_entries", "format=duration", "-of",
                                        "csv=p=0", path});
    p.waitForFinished(-1);
    return QString::fromLatin1(p.readAllStandardOutput()).trimmed().toDouble();
}

static QString srtTime(qint64 ms)
{
    return QStringLiteral("%1:%2:%3,%4")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

DemoFilmGenerator::Result DemoFilmGenerator::generate(const QString &dir, int seconds,
                                                      const Progress &progress)
{
    QDir d(dir);
    if (!d.mkpath(QStringLiteral(".")))
        throw UserError(QStringLiteral("%1: the folder cannot be created").arg(dir));
    Result res;
    res.durationMs = qint64(seconds) * 1000;
    const QStringList &text = script();
    const double gap = double(seconds - 4) / text.size();
    QStringList inputs, filters, labels;
    for (int i = 0; i < text.size(); ++i) {
        if (progress)
            progress(QStringLiteral("speaking line %1 of %2").arg(i + 1).arg(text.size()));
        const QString wav = d.filePath(QStringLiteral("line%1.wav").arg(i, 2, 10, QLatin1Char('0')));
        // Alternate two voices so the dialogue has two speakers.
        runTool(QStringLiteral("espeak-ng"),
                {"-v", i % 2 ? "en+f3" : "en+m3", "-s", "150", "-w", wav, text[i]},
                QStringLiteral("speaking a line"));
        Line l;
        l.startMs = qint64((2.0 + i * gap) * 1000);
        l.endMs = l.startMs + qint64(wavSeconds(wav) * 1000);
        l.text = text[i];
        res.lines.append(l);
        inputs << "-i" << wav;
        filters << QStringLiteral("[%1:a]aresample=44100,adelay=%2|%2,volume=1.6[s%1]").arg(i + 1).arg(l.startMs);
        labels << QStringLiteral("[s%1]").arg(i + 1);
    }
    // A music-like bed: a slow chord with beating partials and a pulse.
    const QString music =
        QStringLiteral("aevalsrc='0.05*sin(2*PI*220*t)*(1+0.4*sin(2*PI*0.5*t))"
                       "+0.035*sin(2*PI*277.2*t)+0.03*sin(2*PI*329.6*t)*(0.6+0.4*sin(2*PI*0.25*t))"
                       "+0.02*sin(2*PI*110*t)*(0.5+0.5*sin(2*PI*2*t))':s=44100:d=%1").arg(seconds);
    const QString video = QStringLiteral("testsrc2=size=640x360:rate=25:duration=%1,hue=h=t*6:s=1+0.5*sin(t/7)").arg(seconds);
    filters.prepend(QStringLiteral("[0:a]aformat=channel_layouts=mono[m]"));
    const QString mix = QStringLiteral("[m]%1amix=inputs=%2:duration=first:dropout_transition=0:normalize=0,"
                                       "aformat=channel_layouts=stereo[a]")
                            .arg(labels.join(QString()))
                            .arg(labels.size() + 1);
    QStringList args = {"-loglevel", "error", "-y", "-f", "lavfi", "-i", music};
    args += inputs;
    args += {"-f", "lavfi", "-i", video, "-filter_complex", filters.join(u';') + u';' + mix,
             "-map", QStringLiteral("%1:v").arg(text.size() + 1), "-map", "[a]", "-c:v", "libx264",
             "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
             "-movflags", "+faststart", "-t", QString::number(seconds), d.filePath("demo.mp4")};
    if (progress)
        progress(QStringLiteral("encoding the film"));
    runTool(QStringLiteral("ffmpeg"), args, QStringLiteral("encoding the demo film"));
    for (int i = 0; i < text.size(); ++i)
        QFile::remove(d.filePath(QStringLiteral("line%1.wav").arg(i, 2, 10, QLatin1Char('0'))));

    QString srt;
    for (int i = 0; i < res.lines.size(); ++i)
        srt += QStringLiteral("%1\n%2 --> %3\n%4\n\n")
                   .arg(i + 1)
                   .arg(srtTime(res.lines[i].startMs), srtTime(res.lines[i].endMs), res.lines[i].text);
    writeFileAtomically(d.filePath("demo.srt"), srt.toUtf8());
    res.videoPath = d.filePath("demo.mp4");
    res.subtitlesPath = d.filePath("demo.srt");
    return res;
}

} // namespace ms::core
