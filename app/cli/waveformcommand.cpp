#include "app/cli/commands.h"
#include "app/cli/jobprinter.h"
#include "core/atomicfile.h"
#include "core/waveformjob.h"

namespace ms::cli {
namespace {

class WaveformCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("waveform"); }
    QString summary() const override
    {
        return QStringLiteral("the min/max waveform of an audio stream as CSV bin,min,max");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("media"), QStringLiteral("audio or video file"), QStringLiteral("FILE")});
        p.addOption({QStringLiteral("stream"), QStringLiteral("audio stream index, 0 = first (default 0)"),
                     QStringLiteral("K")});
        p.addOption({QStringLiteral("samples-per-bin"), QStringLiteral("samples per bin at the stream's rate"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("out"), QStringLiteral("CSV file to write"), QStringLiteral("F")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const QString media = required(p, QStringLiteral("media"));
        const QString outPath = required(p, QStringLiteral("out"));
        if (!p.isSet(QStringLiteral("samples-per-bin")))
            throw UsageError{QStringLiteral("--samples-per-bin is required")};
        const int n = intOption(p, QStringLiteral("samples-per-bin"), 256, 1);
        const int stream = intOption(p, QStringLiteral("stream"), 0, 0);
        // No fingerprint: the CLI reads the file it is given, not a cache.
        core::WaveformJob job(media, {}, stream, n);
        const auto outcome = JobPrinter(err(), JobPrinter::Progress::Percent).run(job);
        const core::WaveformPyramid &pyramid = *outcome.result.value<core::WaveformJob::Pyramid>();
        const auto &info = job.info();
        QByteArray csv = "bin,min,max\n";
        csv.reserve(32 * pyramid.binCount(0) + 16);
        char line[96];
        for (qint64 b = 0; b < pyramid.binCount(0); ++b) {
            const int len = std::snprintf(line, sizeof line, "%lld,%.9g,%.9g\n", (long long)b,
                                          double(pyramid.mins(0)[b]), double(pyramid.maxs(0)[b]));
            csv.append(line, len);
        }
        core::writeFileAtomically(outPath, csv);
        out() << outPath << ": " << pyramid.binCount(0) << " bins of " << n << " samples ("
              << info.samples << " samples at " << info.sampleRate << " Hz, " << info.channels
              << " channels averaged)" << (info.truncated ? ", stream damaged part way" : "") << "\n";
        return 0;
    }
};

const CommandRegistration registration(120, [] { return std::make_unique<WaveformCommand>(); });

} // namespace
} // namespace ms::cli
