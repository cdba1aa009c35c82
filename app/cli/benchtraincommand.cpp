#include "app/cli/commands.h"
#include "core/error.h"
#include "database/annotationrepository.h"
#include "database/projectdatabase.h"
#include "models/featureset.h"
#include "models/openmppolicy.h"
#include "models/torchruntime.h"
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
        p.addOption({QStringLiteral("epochs"), QStringLiteral("timed epochs after one warm-up, alternating with the reference's (5)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("batch"), QStringLiteral("batch size (32)"), QStringLiteral("B")});
        p.addOption({QStringLiteral("python"), QStringLiteral("interpreter with torch (/usr/bin/python3)"),
                     QStringLiteral("EXE")});
        p.addOption({QStringLiteral("reference"),
                     QStringLiteral("the reference script (default: bench/reference_perceiver.py "
                                    "found beside the sources)"),
                     QStringLiteral("PY")});
        p.addOption({QStringLiteral("no-reference"), QStringLiteral("time the C++ trainer only")});
        p.addOption({QStringLiteral("device"),
                     QStringLiteral("cpu, cuda or cuda:N (default cpu): both loops run there"),
                     QStringLiteral("D")});
        p.addOption({QStringLiteral("shard"),
                     QStringLiteral("clips per shard on the CPU (default: sized by the machine)"),
                     QStringLiteral("N")});
    }
    int execute(const QCommandLineParser &p) override
    {
        // Before any work: restarts once with OMP_WAIT_POLICY=PASSIVE.
        models::ensurePassiveOpenMp(QCoreApplication::arguments());
        const int epochs = intOption(p, QStringLiteral("epochs"), 5, 1);
        const int batch = intOption(p, QStringLiteral("batch"), 32, 1);
        const auto inputs = core::ModalitySet::parseLetters(
            p.isSet(QStringLiteral("modalities")) ? p.value(QStringLiteral("modalities")) : QStringLiteral("V"));
        if (!inputs)
            throw UsageError{QStringLiteral("--modalities takes letters like V or AV")};
        QTemporaryDir tmp(QDir::tempPath() + QStringLiteral("/modalscope-bench-train-XXXXXX"));
        QString dbPath = p.value(QStringLiteral("db"));
        if (dbPath.isEmpty())
            dbPath = makeScratchProject(p, tmp.path());

        const auto opened = db::ProjectDatabase::open(db::ProjectLocation::file(dbPath),
                                                      db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
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
        opts.device =
            p.isSet(QStringLiteral("device")) ? p.value(QStringLiteral("device")) : QStringLiteral("cpu");
        opts.shardClips = intOption(p, QStringLiteral("shard"), 0, 1);
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
              << ", " << params << " trainable parameters, device "
              << models::TorchRuntime::deviceLabel(trainer.device());
        if (trainer.device() == u"cpu")
            out() << ", " << trainer.threads() << " threads (each batch cut into shards of "
                  << trainer.shardClips() << " clips, trained side by side)";
        out() << Qt::endl;
        // The reference runs in its own process, started first: it loads the
        // same tokens and runs its warm-up epoch, then waits. Our epochs and
        // its epochs then alternate (ours, its, ours, its...), each side idle
        // while the other runs, so both see the same machine state within a
        // pair; the speed-up is reported per pair and over all pairs.
        const bool withReference = !p.isSet(QStringLiteral("no-reference"));
        QProcess py;
        if (withReference) {
            const QString script = findReference(p);
            const QString dataDir = tmp.path() + QStringLiteral("/data");
            exportData(features, *inputs, task.trainTargets, dataDir);
            const QString python = p.isSet(QStringLiteral("python")) ? p.value(QStringLiteral("python"))
                                                                     : QStringLiteral("/usr/bin/python3");
            py.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            py.start(python, {script, QStringLiteral("--data"), dataDir, QStringLiteral("--batch"),
                              QString::number(batch), QStringLiteral("--threads"),
                              QString::number(trainer.threads()), QStringLiteral("--device"),
                              trainer.device(), QStringLiteral("--serve")});
            if (!py.waitForStarted())
                throw core::UserError(QStringLiteral("the PyTorch reference (%1 %2) did not start: %3")
                                          .arg(python, script, py.errorString()));
            const QJsonObject ready = readReply(py);
            out() << "PyTorch reference (Python torch " << ready.value(QStringLiteral("torch")).toString()
                  << " on " << ready.value(QStringLiteral("device")).toString(QStringLiteral("cpu"))
                  << ", " << ready.value(QStringLiteral("threads")).toInt() << " threads, "
                  << qint64(ready.value(QStringLiteral("parameters")).toDouble())
                  << " parameters): warm-up epoch "
                  << QString::number(ready.value(QStringLiteral("warmup_seconds")).toDouble(), 'f', 2)
                  << " s" << Qt::endl;
        }
        std::vector<double> ours, theirs;
        const auto result = trainer.train(task, [&](const models::Trainer::Epoch &e) {
            if (e.epoch == 1) { // our warm-up
                out() << "modalscope (LibTorch C++): warm-up epoch " << QString::number(e.seconds, 'f', 2)
                      << " s" << Qt::endl;
                return;
            }
            ours.push_back(e.seconds);
            QString line = QStringLiteral("epoch %1: modalscope %2 s").arg(ours.size()).arg(e.seconds, 0, 'f', 2);
            if (withReference) {
                py.write("epoch\n");
                theirs.push_back(readReply(py).value(QStringLiteral("seconds")).toDouble());
                line += QStringLiteral(", reference %1 s, speed-up %2x")
                            .arg(theirs.back(), 0, 'f', 2)
                            .arg(theirs.back() / e.seconds, 0, 'f', 2);
            }
            out() << line << Qt::endl;
        });
        if (withReference) {
            py.closeWriteChannel();
            py.waitForFinished(30000);
        }
        if (result.cancelled || ours.empty())
            throw core::UserError(QStringLiteral("bench-train: training stopped before a timed epoch"));
        const auto mean = [](const std::vector<double> &v) {
            double s = 0;
            for (double x : v)
                s += x;
            return s / double(v.size());
        };
        const double perEpoch = mean(ours);
        const double cppClips = double(features.size()) / perEpoch;
        out() << "modalscope (LibTorch C++): " << QString::number(perEpoch, 'f', 2) << " s/epoch = "
              << QString::number(1.0 / perEpoch, 'f', 3) << " epochs/s, "
              << QString::number(cppClips, 'f', 1) << " clips/s" << Qt::endl;
        if (!withReference)
            return 0;
        const double refPerEpoch = mean(theirs);
        const double refClips = double(features.size()) / refPerEpoch;
        out() << "PyTorch reference: " << QString::number(refPerEpoch, 'f', 2) << " s/epoch = "
              << QString::number(1.0 / refPerEpoch, 'f', 3) << " epochs/s, "
              << QString::number(refClips, 'f', 1) << " clips/s" << Qt::endl;
        std::vector<double> ratios;
        for (size_t i = 0; i < ours.size(); ++i)
            ratios.push_back(theirs[i] / ours[i]);
        std::sort(ratios.begin(), ratios.end());
        const size_t n = ratios.size();
        const double median = n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
        out() << "speed-up: " << QString::number(cppClips / refClips, 'f', 2)
              << "x the PyTorch loop's throughput over " << n << " alternating epoch pairs (per pair: "
              << "median " << QString::number(median, 'f', 2) << "x, range "
              << QString::number(ratios.front(), 'f', 2) << "-" << QString::number(ratios.back(), 'f', 2)
              << "x)" << Qt::endl;
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

    // The reference's next JSON line on standard output (its "ready" line or
    // an epoch's timing).
    static QJsonObject readReply(QProcess &py)
    {
        while (!py.canReadLine()) {
            if (py.state() != QProcess::Running || !py.waitForReadyRead(600000)) {
                if (py.canReadLine())
                    break;
                throw core::UserError(QStringLiteral("the PyTorch reference (%1) stopped without an "
                                                     "answer (exit code %2); its errors are above")
                                          .arg(py.arguments().value(0))
                                          .arg(py.exitCode()));
            }
        }
        const QByteArray line = py.readLine().trimmed();
        QJsonParseError error;
        const QJsonObject reply = QJsonDocument::fromJson(line, &error).object();
        if (error.error != QJsonParseError::NoError)
            throw core::UserError(QStringLiteral("the PyTorch reference answered something else than "
                                                 "JSON: %1")
                                      .arg(QString::fromUtf8(line.left(200))));
        return reply;
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
