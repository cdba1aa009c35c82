#include "app/cli/commands.h"
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/trainer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>

namespace ms::cli {
namespace {

// `bench-train`: epochs and clips per second of the trainer on the 1,914-clip
// ObyGaze12 table with paper-sized SYNTHETIC features (512/768/768), and the
// same figures for an equivalent PyTorch (Python) loop run on the same data
// in the same call (bench/reference_perceiver.py reads the tokens this
// command exports), so the two are measured side by side on one machine.
class BenchTrainCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("bench-train"); }
    QString summary() const override
    {
        return QStringLiteral("training speed (epochs/s, clips/s) of the paper-sized PerceiverIO "
                              "against a PyTorch reference loop");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"),
                     QStringLiteral("project with features (default: a scratch project from the "
                                    "ObyGaze12 table with 512/768/768 synthetic features)"),
                     QStringLiteral("P")});
        p.addOption({QStringLiteral("csv"), QStringLiteral("ObyGaze table for the scratch project"),
                     QStringLiteral("F")});
        p.addOption({QStringLiteral("modalities"), QStringLiteral("model inputs (default V)"),
                     QStringLiteral("M")});
        p.addOption({QStringLiteral("epochs"), QStringLiteral("timed epochs after one warm-up (3)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("batch"), QStringLiteral("batch size (32)"), QStringLiteral("B")});
        p.addOption({QStringLiteral("python"), QStringLiteral("interpreter with torch (/usr/bin/python3)"),
                     QStringLiteral("EXE")});
        p.addOption({QStringLiteral("reference"),
                     QStringLiteral("the reference script (default: bench/reference_perceiver.py "
                                    "found beside the sources)"),
                     QStringLiteral("PY")});
        p.addOption({QStringLiteral("no-reference"), QStringLiteral("time the C++ trainer only")});
    }
    int execute(const QCommandLineParser &p) override
    {
        // Before any work: restarts once with OMP_WAIT_POLICY=PASSIVE.
        models::ensurePassiveOpenMp(QCoreApplication::arguments());
        const int epochs = intOption(p, QStringLiteral("epochs"), 3, 1);
        const int batch = intOption(p, QStringLiteral("batch"), 32, 1);
        const auto inputs = core::ModalitySet::parseLetters(
            p.isSet(QStringLiteral("modalities")) ? p.value(QStringLiteral("modalities")) : QStringLiteral("V"));
        if (!inputs)
            throw UsageError{QStringLiteral("--modalities takes letters like V or AV")};
        QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/modalscope-bench-train-XXXXXX"));
        QString dbPath = p.value(QStringLiteral("db"));
        if (dbPath.isEmpty())
            dbPath = makeScratchProject(p, tmp.path());

        db::ProjectDatabase project(dbPath, db::ProjectDatabase::Mode::OpenExisting);
        const models::FeatureSet features = models::FeatureSet::load(project.sql(), *inputs);
        QHash<QString, int> target;
        for (const auto &a : db::AnnotationRepository(project.sql()).effectiveAnnotations())
            target.insert(a.clipName, a.level == core::Level::EasyNegative ? 0 : 1);
        models::Trainer::Task task;
        task.inputs = *inputs;
        for (int i = 0; i < features.size(); ++i) {
            task.train.push_back(i);
            task.trainTargets.push_back(target.value(features.clips()[i], 0));
        }
        models::PerceiverConfig config; // the paper's
        models::TrainOptions opts;
        opts.device = QStringLiteral("cpu");
        opts.batchSize = batch;
        opts.maxEpochs = epochs + 1;
        opts.oversample = false; // the reference visits each clip once per epoch too
        models::Trainer trainer(features, config, opts);
        const qint64 params = models::Trainer::parameterCount(
            config, models::Trainer::inputDims(*inputs, {features.dim(core::Modality::Visual),
                                                         features.dim(core::Modality::Audio),
                                                         features.dim(core::Modality::Text)}));
        out() << "bench-train: " << features.size() << " clips, inputs " << inputs->letters()
              << " (dims";
        for (core::Modality m : core::kAllModalities)
            if (inputs->contains(m))
                out() << " " << core::modalityLetter(m) << "=" << features.dim(m);
        out() << (features.synthetic() ? ", SYNTHETIC features" : "") << "), batch " << batch
              << ", " << params << " trainable parameters, " << trainer.threads()
              << " threads (each batch cut into shards of 16 clips, trained side by side by "
                 "single-threaded workers), device "
              << trainer.device() << Qt::endl;
        const auto result = trainer.train(task);
        double seconds = 0;
        for (int e = 1; e < result.history.size(); ++e)
            seconds += result.history[e].seconds;
        const double perEpoch = seconds / double(result.history.size() - 1);
        const double cppClips = double(features.size()) / perEpoch;
        out() << "modalscope (LibTorch C++): warm-up epoch "
              << QString::number(result.history.first().seconds, 'f', 2) << " s, then "
              << QString::number(perEpoch, 'f', 2) << " s/epoch = "
              << QString::number(1.0 / perEpoch, 'f', 3) << " epochs/s, "
              << QString::number(cppClips, 'f', 1) << " clips/s" << Qt::endl;
        if (p.isSet(QStringLiteral("no-reference")))
            return 0;

        const QString script = findReference(p);
        const QString dataDir = tmp.path() + QStringLiteral("/data");
        exportData(features, *inputs, task.trainTargets, dataDir);
        QProcess py;
        py.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const QString python = p.isSet(QStringLiteral("python")) ? p.value(QStringLiteral("python"))
                                                                 : QStringLiteral("/usr/bin/python3");
        py.start(python, {script, QStringLiteral("--data"), dataDir, QStringLiteral("--epochs"),
                          QString::number(epochs), QStringLiteral("--batch"), QString::number(batch),
                          QStringLiteral("--threads"), QString::number(trainer.threads())});
        if (!py.waitForStarted() || !py.waitForFinished(-1) || py.exitCode() != 0)
            throw core::UserError(QStringLiteral("the PyTorch reference (%1 %2) failed: %3")
                                      .arg(python, script, QString::fromLocal8Bit(py.readAllStandardOutput())));
        const QList<QByteArray> lines = py.readAllStandardOutput().trimmed().split('\n');
        const QJsonObject ref = QJsonDocument::fromJson(lines.last()).object();
        const double refPerEpoch = ref.value(QStringLiteral("seconds_per_epoch")).toDouble();
        const double refClips = double(features.size()) / refPerEpoch;
        out() << "PyTorch reference (Python " << ref.value(QStringLiteral("torch")).toString()
              << ", " << ref.value(QStringLiteral("threads")).toInt() << " threads, "
              << qint64(ref.value(QStringLiteral("parameters")).toDouble())
              << " parameters): " << QString::number(refPerEpoch, 'f', 2) << " s/epoch = "
              << QString::number(1.0 / refPerEpoch, 'f', 3) << " epochs/s, "
              << QString::number(refClips, 'f', 1) << " clips/s" << Qt::endl;
        out() << "speed-up: " << QString::number(cppClips / refClips, 'f', 2)
              << "x the PyTorch loop's throughput" << Qt::endl;
        return 0;
    }

private:
    static QString makeScratchProject(const QCommandLineParser &p, const QString &dir)
    {
        QString csv = p.value(QStringLiteral("csv"));
        if (csv.isEmpty()) {
            const QString shared = qEnvironmentVariable("MODALSCOPE_SHARED", QStringLiteral("../shared"));
            csv = shared + QStringLiteral("/datasets/obygaze12/ObyGaze12_thresh_02.csv");
        }
        if (!QFileInfo::exists(csv))
            throw core::UserError(QStringLiteral("%1: the ObyGaze table is not there; pass --csv or "
                                                 "--db, or set MODALSCOPE_SHARED")
                                      .arg(csv));
        const QString db = dir + QStringLiteral("/bench.msproj");
        const QString self = QCoreApplication::applicationFilePath();
        for (const QStringList &args :
             {QStringList{QStringLiteral("import-annotations"), QStringLiteral("--db"), db,
                          QStringLiteral("--format"), QStringLiteral("obygaze"), QStringLiteral("--csv"), csv},
              QStringList{QStringLiteral("synth-features"), QStringLiteral("--db"), db,
                          QStringLiteral("--seed"), QStringLiteral("1"), QStringLiteral("--dims"),
                          QStringLiteral("512,768,768")}}) {
            QProcess step;
            step.start(self, args);
            if (!step.waitForFinished(-1) || step.exitCode() != 0)
                throw core::UserError(QStringLiteral("making the scratch project failed at %1: %2")
                                          .arg(args.first(), QString::fromLocal8Bit(step.readAllStandardError())));
        }
        return db;
    }

    static QString findReference(const QCommandLineParser &p)
    {
        if (p.isSet(QStringLiteral("reference")))
            return p.value(QStringLiteral("reference"));
        const QString app = QCoreApplication::applicationDirPath();
        for (const QString &c : {QDir::currentPath() + QStringLiteral("/bench"),
                                 app + QStringLiteral("/../bench"), app + QStringLiteral("/../../bench")}) {
            const QString f = QDir(c).absoluteFilePath(QStringLiteral("reference_perceiver.py"));
            if (QFileInfo::exists(f))
                return QDir::cleanPath(f);
        }
        throw core::UserError(QStringLiteral("bench/reference_perceiver.py not found; pass --reference"));
    }

    // The tokens as the reference reads them: per modality a flat float32
    // file of the clips' token rows and an int32 file of token counts, plus
    // the targets and a JSON description.
    static void exportData(const models::FeatureSet &f, core::ModalitySet inputs,
                           const std::vector<int> &targets, const QString &dir)
    {
        QDir().mkpath(dir);
        QJsonObject meta{{QStringLiteral("clips"), f.size()}};
        QStringList order;
        for (core::Modality m : core::kAllModalities) {
            if (!inputs.contains(m))
                continue;
            const QString l = core::modalityLetter(m);
            order.append(l);
            meta.insert(l + QStringLiteral("_dim"), f.dim(m));
            QFile data(dir + u'/' + l + QStringLiteral("_tokens.f32"));
            QFile lens(dir + u'/' + l + QStringLiteral("_lengths.i32"));
            QFile times(dir + u'/' + l + QStringLiteral("_seconds.f32"));
            if (!data.open(QIODevice::WriteOnly) || !lens.open(QIODevice::WriteOnly) ||
                !times.open(QIODevice::WriteOnly))
                throw core::UserError(QStringLiteral("%1: cannot write the benchmark data").arg(dir));
            for (int i = 0; i < f.size(); ++i) {
                const auto &mx = f.matrix(m, i);
                data.write(reinterpret_cast<const char *>(mx.data.data()), qint64(mx.data.size() * sizeof(float)));
                const qint32 n = mx.tokens;
                lens.write(reinterpret_cast<const char *>(&n), sizeof n);
                for (const auto &s : mx.spans) {
                    const float sec = float(double(s.startMs - mx.spans.front().startMs) / 1000.0);
                    times.write(reinterpret_cast<const char *>(&sec), sizeof sec);
                }
            }
        }
        meta.insert(QStringLiteral("modalities"), order.join(QString()));
        QFile t(dir + QStringLiteral("/targets.i32"));
        if (!t.open(QIODevice::WriteOnly))
            throw core::UserError(QStringLiteral("%1: cannot write the benchmark data").arg(dir));
        for (int v : targets) {
            const qint32 x = v;
            t.write(reinterpret_cast<const char *>(&x), sizeof x);
        }
        QFile j(dir + QStringLiteral("/meta.json"));
        if (!j.open(QIODevice::WriteOnly))
            throw core::UserError(QStringLiteral("%1: cannot write the benchmark data").arg(dir));
        j.write(QJsonDocument(meta).toJson());
    }
};

const CommandRegistration registration(910, [] { return std::make_unique<BenchTrainCommand>(); });

} // namespace
} // namespace ms::cli
