#include "app/cli/commands.h"
#include "app/cli/jobprinter.h"
#include "core/atomicfile.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/metrics.h"
#include "models/experimentbundle.h"
#include "models/openmppolicy.h"
#include "models/slurmexecutor.h"
#include "models/trainingjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QMap>
#include <array>
#include <cmath>

namespace ms::cli {
namespace {

// The charts are drawn pixel by pixel with a built-in 5x7 font: the CLI runs
// under QCoreApplication, where QPainter cannot use fonts, and must not need
// a display. Glyphs are column-major, bit 0 at the top (the classic LCD font).
const QMap<QChar, std::array<quint8, 5>> &glyphs()
{
    static const QMap<QChar, std::array<quint8, 5>> g = {
        {u'0', {0x3E, 0x51, 0x49, 0x45, 0x3E}}, {u'1', {0x00, 0x42, 0x7F, 0x40, 0x00}},
        {u'2', {0x42, 0x61, 0x51, 0x49, 0x46}}, {u'3', {0x21, 0x41, 0x45, 0x4B, 0x31}},
        {u'4', {0x18, 0x14, 0x12, 0x7F, 0x10}}, {u'5', {0x27, 0x45, 0x45, 0x45, 0x39}},
        {u'6', {0x3C, 0x4A, 0x49, 0x49, 0x30}}, {u'7', {0x01, 0x71, 0x09, 0x05, 0x03}},
        {u'8', {0x36, 0x49, 0x49, 0x49, 0x36}}, {u'9', {0x06, 0x49, 0x49, 0x29, 0x1E}},
        {u'A', {0x7E, 0x11, 0x11, 0x11, 0x7E}}, {u'B', {0x7F, 0x49, 0x49, 0x49, 0x36}},
        {u'C', {0x3E, 0x41, 0x41, 0x41, 0x22}}, {u'D', {0x7F, 0x41, 0x41, 0x22, 0x1C}},
        {u'E', {0x7F, 0x49, 0x49, 0x49, 0x41}}, {u'F', {0x7F, 0x09, 0x09, 0x09, 0x01}},
        {u'G', {0x3E, 0x41, 0x49, 0x49, 0x7A}}, {u'H', {0x7F, 0x08, 0x08, 0x08, 0x7F}},
        {u'I', {0x00, 0x41, 0x7F, 0x41, 0x00}}, {u'J', {0x20, 0x40, 0x41, 0x3F, 0x01}},
        {u'K', {0x7F, 0x08, 0x14, 0x22, 0x41}}, {u'L', {0x7F, 0x40, 0x40, 0x40, 0x40}},
        {u'M', {0x7F, 0x02, 0x0C, 0x02, 0x7F}}, {u'N', {0x7F, 0x04, 0x08, 0x10, 0x7F}},
        {u'O', {0x3E, 0x41, 0x41, 0x41, 0x3E}}, {u'P', {0x7F, 0x09, 0x09, 0x09, 0x06}},
        {u'Q', {0x3E, 0x41, 0x51, 0x21, 0x5E}}, {u'R', {0x7F, 0x09, 0x19, 0x29, 0x46}},
        {u'S', {0x46, 0x49, 0x49, 0x49, 0x31}}, {u'T', {0x01, 0x01, 0x7F, 0x01, 0x01}},
        {u'U', {0x3F, 0x40, 0x40, 0x40, 0x3F}}, {u'V', {0x1F, 0x20, 0x40, 0x20, 0x1F}},
        {u'W', {0x3F, 0x40, 0x38, 0x40, 0x3F}}, {u'X', {0x63, 0x14, 0x08, 0x14, 0x63}},
        {u'Y', {0x07, 0x08, 0x70, 0x08, 0x07}}, {u'Z', {0x61, 0x51, 0x49, 0x45, 0x43}},
        {u'.', {0x00, 0x60, 0x60, 0x00, 0x00}}, {u'-', {0x08, 0x08, 0x08, 0x08, 0x08}},
        {u':', {0x00, 0x36, 0x36, 0x00, 0x00}}, {u'(', {0x00, 0x1C, 0x22, 0x41, 0x00}},
        {u')', {0x00, 0x41, 0x22, 0x1C, 0x00}}, {u'/', {0x20, 0x10, 0x08, 0x04, 0x02}},
        {u',', {0x00, 0x50, 0x30, 0x00, 0x00}}, {u'%', {0x23, 0x13, 0x08, 0x64, 0x62}},
        {u'=', {0x14, 0x14, 0x14, 0x14, 0x14}}, {u' ', {0, 0, 0, 0, 0}}};
    return g;
}

class Canvas
{
public:
    Canvas(int w, int h) : m_image(w, h, QImage::Format_RGB32) { m_image.fill(qRgb(255, 255, 255)); }
    void rect(int x, int y, int w, int h, QRgb c)
    {
        for (int j = std::max(0, y); j < std::min(m_image.height(), y + h); ++j) {
            auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(j));
            for (int i = std::max(0, x); i < std::min(m_image.width(), x + w); ++i)
                line[i] = c;
        }
    }
    // Returns the width drawn; `scale` pixels per font dot.
    int text(int x, int y, const QString &s, QRgb c, int scale = 2)
    {
        int cx = x;
        for (QChar ch : s.toUpper()) {
            const auto it = glyphs().constFind(ch);
            if (it != glyphs().cend())
                for (int col = 0; col < 5; ++col)
                    for (int row = 0; row < 7; ++row)
                        if ((*it)[size_t(col)] & (1 << row))
                            rect(cx + col * scale, y + row * scale, scale, scale, c);
            cx += 6 * scale;
        }
        return cx - x;
    }
    static int textWidth(const QString &s, int scale = 2) { return int(s.size()) * 6 * scale; }
    bool save(const QString &path) const { return m_image.save(path, "PNG"); }

private:
    QImage m_image;
};

struct SummaryRow
{
    models::GridEntry entry;
    QString trainSet;
    core::metrics::Interval aucPr, rocAuc;
    int folds = 0;
};

QRgb mix(QRgb c, double towardsWhite)
{
    auto f = [&](int v) { return int(v + (255 - v) * towardsWhite); };
    return qRgb(f(qRed(c)), f(qGreen(c)), f(qBlue(c)));
}

// AUC-PR (or ROC-AUC) bars with their 95% intervals, one group per grid
// entry, CMAD light and CMSD dark, in the manner of the paper's figures.
void renderChart(const QList<SummaryRow> &rows, bool rocAuc, bool synthetic, const QString &path)
{
    QList<models::GridEntry> entries;
    for (const auto &r : rows)
        if (!entries.contains(r.entry))
            entries.append(r.entry);
    const int groupW = 90, left = 70, top = 60, plotH = 320, bottom = 70;
    const int width = left + groupW * int(entries.size()) + 30;
    Canvas c(std::max(width, 520), top + plotH + bottom);
    const QRgb ink = qRgb(40, 40, 40), grid = qRgb(225, 225, 225);
    const QString title = rocAuc ? QStringLiteral("ROC-AUC, MEAN OVER FOLDS, 95% CI")
                                 : QStringLiteral("AUC-PR, MEAN OVER FOLDS, 95% CI");
    c.text(left, 12, title, ink);
    if (synthetic)
        c.text(left, 34, QStringLiteral("SYNTHETIC FEATURES"), qRgb(200, 30, 30));
    auto yOf = [&](double v) { return top + plotH - int(std::lround(std::clamp(v, 0.0, 1.0) * plotH)); };
    for (int t = 0; t <= 10; t += 2) {
        const int y = yOf(t / 10.0);
        c.rect(left, y, groupW * int(entries.size()), 1, grid);
        c.text(left - 44, y - 6, QString::number(t / 10.0, 'f', 1), ink);
    }
    c.rect(left, top, 1, plotH + 1, ink);
    c.rect(left, top + plotH, groupW * int(entries.size()), 1, ink);
    // One hue per modality set, as the paper colours its bars.
    const QMap<QString, QRgb> hue = {{QStringLiteral("V"), qRgb(31, 119, 180)},
                                     {QStringLiteral("A"), qRgb(214, 39, 40)},
                                     {QStringLiteral("T"), qRgb(44, 160, 44)},
                                     {QStringLiteral("AV"), qRgb(148, 103, 189)},
                                     {QStringLiteral("AT"), qRgb(140, 86, 75)},
                                     {QStringLiteral("AVT"), qRgb(255, 127, 14)}};
    for (int g = 0; g < entries.size(); ++g) {
        const auto &e = entries[g];
        const QRgb base = hue.value(e.modalities.letters(), qRgb(90, 90, 90));
        const int gx = left + g * groupW + 12;
        int b = 0;
        for (const QString &ts : {QStringLiteral("CMAD"), QStringLiteral("CMSD")}) {
            const auto it = std::find_if(rows.begin(), rows.end(), [&](const SummaryRow &r) {
                return r.entry == e && r.trainSet == ts;
            });
            const int x = gx + b * 32;
            ++b;
            if (it == rows.end())
                continue;
            const auto &iv = rocAuc ? it->rocAuc : it->aucPr;
            const QRgb colour = ts == u"CMAD" ? mix(base, 0.6) : base;
            if (!std::isnan(iv.estimate))
                c.rect(x, yOf(iv.estimate), 28, top + plotH - yOf(iv.estimate), colour);
            if (!std::isnan(iv.low)) {
                c.rect(x + 13, yOf(iv.high), 2, yOf(iv.low) - yOf(iv.high) + 1, ink);
                c.rect(x + 8, yOf(iv.high), 12, 2, ink);
                c.rect(x + 8, yOf(iv.low) - 1, 12, 2, ink);
            }
        }
        const QString name = e.modalities.letters();
        c.text(gx + 30 - Canvas::textWidth(name) / 2, top + plotH + 10, name, ink);
        const QString fusion = models::fusionName(e.fusion);
        if (e.fusion != models::Fusion::None)
            c.text(gx + 30 - Canvas::textWidth(fusion) / 2, top + plotH + 30, fusion, ink);
    }
    const int ly = top + plotH + 52;
    c.rect(left, ly, 14, 14, qRgb(170, 170, 170));
    c.text(left + 20, ly + 1, QStringLiteral("CMAD (LIGHT)"), ink);
    c.rect(left + 200, ly, 14, 14, qRgb(60, 60, 60));
    c.text(left + 220, ly + 1, QStringLiteral("CMSD (DARK)"), ink);
    if (!c.save(path))
        throw core::UserError(QStringLiteral("%1: cannot write the chart").arg(path));
}

QString num(double v)
{
    return std::isnan(v) ? QStringLiteral("nan") : QString::number(v, 'f', 4);
}

class ExperimentCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("experiment"); }
    QString summary() const override
    {
        return QStringLiteral("the paper's Table 1: V, A, T, AV, AT, AVT (early, late) trained on "
                              "CMAD or CMSD, tested on CMSD; CSVs and charts");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("out"), QStringLiteral("folder for results.csv, summary.csv "
                                                           "and the charts"),
                     QStringLiteral("DIR")});
        p.addOption({QStringLiteral("folds"), QStringLiteral("folds (default 5)"), QStringLiteral("K")});
        p.addOption({QStringLiteral("only-folds"),
                     QStringLiteral("run only these folds, e.g. 0,1 (default all)"),
                     QStringLiteral("LIST")});
        p.addOption({QStringLiteral("seed"), QStringLiteral("seed of folds and training (default 0)"),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("quick"),
                     QStringLiteral("smaller model, at most 20 epochs, patience 5: the grid in "
                                    "minutes")});
        p.addOption({QStringLiteral("epochs"), QStringLiteral("maximum epochs per model"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("patience"), QStringLiteral("early-stopping patience"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("grid"),
                     QStringLiteral("entries to run, e.g. V,A,AV/early (default the full grid)"),
                     QStringLiteral("LIST")});
        p.addOption({QStringLiteral("device"), QStringLiteral("auto, cpu, cuda or cuda:N (default auto)"),
                     QStringLiteral("D")});
        p.addOption({QStringLiteral("amp"),
                     QStringLiteral("mixed precision: off or bf16 (bf16 autocast, CUDA only; "
                                    "default off)"),
                     QStringLiteral("MODE")});
        p.addOption({QStringLiteral("no-weights"),
                     QStringLiteral("do not store the trained weights in the project")});
        addLabelRuleOption(p);
        // Where the grid runs: here, or as one Slurm job array.
        p.addOption({QStringLiteral("executor"),
                     QStringLiteral("local (default) or slurm: one job array, one task per model "
                                    "and fold, from a bundle folder the cluster reads"),
                     QStringLiteral("E")});
        p.addOption({QStringLiteral("bundle"),
                     QStringLiteral("slurm: the new folder for the bundle (features, splits, "
                                    "configuration, binary), readable by the cluster's nodes"),
                     QStringLiteral("DIR")});
        p.addOption({QStringLiteral("partition"), QStringLiteral("slurm: the partition"),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("time"), QStringLiteral("slurm: time limit per task (e.g. 02:00:00)"),
                     QStringLiteral("T")});
        p.addOption({QStringLiteral("mem"), QStringLiteral("slurm: memory per task (e.g. 8G)"),
                     QStringLiteral("M")});
        p.addOption({QStringLiteral("gpus"), QStringLiteral("slurm: GPUs per task (--gres=gpu:N)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("cpus"), QStringLiteral("slurm: CPUs per task"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("retries"),
                     QStringLiteral("slurm: resubmissions of the tasks that failed (default 2)"),
                     QStringLiteral("N")});
        p.addOption({QStringLiteral("no-wait"),
                     QStringLiteral("slurm: submit and return; bring the results in later with "
                                    "--collect")});
        p.addOption({QStringLiteral("merge"),
                     QStringLiteral("report the grid from pieces run apart (--only-folds), the "
                                    "--out folders of earlier runs, comma-separated"),
                     QStringLiteral("DIRS")});
        p.addOption({QStringLiteral("collect"),
                     QStringLiteral("bring a finished bundle's results into the project, as if "
                                    "the grid had run here"),
                     QStringLiteral("DIR")});
        QCommandLineOption task(QStringLiteral("run-task"),
                                QStringLiteral("(what a Slurm array task runs) train model N of "
                                               "--bundle"),
                                QStringLiteral("N"));
        task.setFlags(QCommandLineOption::HiddenFromHelp);
        p.addOption(task);
    }
    int execute(const QCommandLineParser &p) override
    {
        // Before any work: restarts once with OMP_WAIT_POLICY=PASSIVE.
        models::ensurePassiveOpenMp(QCoreApplication::arguments());
        if (p.isSet(QStringLiteral("run-task"))) {
            const models::ExperimentBundle bundle =
                models::ExperimentBundle::open(required(p, QStringLiteral("bundle")));
            const int index = intOption(p, QStringLiteral("run-task"), 0, 0);
            err() << "task " << index << ": " << bundle.models().value(index) << Qt::endl;
            bundle.runTask(index);
            out() << "task " << index << " done: " << bundle.models().value(index) << "\n";
            return 0;
        }
        const QString outDir = required(p, QStringLiteral("out"));
        if (p.isSet(QStringLiteral("merge"))) // no project needed: the pieces say it all
            return report(p, outDir, merge(p.value(QStringLiteral("merge")).split(u',', Qt::SkipEmptyParts)));
        const db::ProjectLocation project = projectOption(p);
        const QString executor =
            p.isSet(QStringLiteral("executor")) ? p.value(QStringLiteral("executor")) : QStringLiteral("local");
        if (executor != u"local" && executor != u"slurm")
            throw UsageError{QStringLiteral("--executor is local or slurm, not '%1'").arg(executor)};
        if (p.isSet(QStringLiteral("collect")))
            return report(p, outDir, collect(p, project, p.value(QStringLiteral("collect"))));
        models::ExperimentSpec::Options options;
        options.folds = intOption(p, QStringLiteral("folds"), 5, 3);
        if (p.isSet(QStringLiteral("seed"))) {
            bool ok = false;
            options.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
            if (!ok)
                throw UsageError{QStringLiteral("--seed must be a non-negative whole number")};
        }
        options.quick = p.isSet(QStringLiteral("quick"));
        options.maxEpochs = intOption(p, QStringLiteral("epochs"), 0, 1);
        options.patience = intOption(p, QStringLiteral("patience"), 0, 1);
        if (p.isSet(QStringLiteral("device")))
            options.device = p.value(QStringLiteral("device"));
        if (p.isSet(QStringLiteral("amp")))
            options.amp = p.value(QStringLiteral("amp"));
        options.storeWeights = !p.isSet(QStringLiteral("no-weights"));
        options.labelRule = labelRuleOption(p);
        if (p.isSet(QStringLiteral("only-folds")))
            for (const QString &f : p.value(QStringLiteral("only-folds")).split(u',')) {
                bool ok = false;
                options.onlyFolds.append(f.trimmed().toInt(&ok));
                if (!ok)
                    throw UsageError{QStringLiteral("--only-folds takes fold numbers like 0,2")};
            }
        QList<models::GridEntry> entries; // empty: the paper's grid
        if (p.isSet(QStringLiteral("grid"))) {
            for (const QString &item : p.value(QStringLiteral("grid")).split(u',')) {
                const QString letters = item.section(u'/', 0, 0);
                const auto set = core::ModalitySet::parseLetters(letters);
                if (!set)
                    throw UsageError{QStringLiteral("--grid: '%1' is not a modality set").arg(item)};
                models::GridEntry e{*set, set->letters().size() == 1 ? models::Fusion::None
                                                                      : models::Fusion::Early};
                if (item.contains(u'/')) {
                    const auto f = models::parseFusion(item.section(u'/', 1));
                    if (!f)
                        throw UsageError{QStringLiteral("--grid: '%1': fusion is none, early or late").arg(item)};
                    e.fusion = *f;
                }
                entries.append(e);
            }
        }
        const auto spec = models::ExperimentSpec::paper(options, entries);
        if (!QDir().mkpath(outDir))
            throw core::UserError(QStringLiteral("%1: cannot create the folder").arg(outDir));
        if (executor == u"slurm")
            return runOnSlurm(p, project, spec, outDir);

        models::TrainingJob job(project, spec);
        JobPrinter printer(err(), JobPrinter::Progress::Lines);
        // A grid trains dozens of models: every fifth epoch is enough to follow it.
        printer.setPartialFormat([](const QVariant &v) {
            const auto pr = v.value<models::ExperimentProgress>();
            if (pr.epoch.epoch % 5 != 0 && pr.epoch.epoch != 1)
                return QString();
            return QStringLiteral("  [%1/%2] %3 epoch %4 loss %5 val AUC-PR %6, ETA %7 s")
                .arg(pr.model)
                .arg(pr.models)
                .arg(pr.modelName)
                .arg(pr.epoch.epoch)
                .arg(QString::number(pr.epoch.loss, 'f', 4), num(pr.epoch.validationAucPr))
                .arg(int(pr.etaSeconds));
        });
        printer.run(job);
        return report(p, outDir, {spec, job.outcome(), {}});
    }

private:
    struct Finished
    {
        models::ExperimentSpec spec;
        models::ExperimentRunner::Outcome outcome;
        QStringList pieces; // --merge: "DIR (run R)" of each piece
    };

    // grid.json beside results.csv: what a later --merge needs to know of a
    // piece (its spec, and whether its features were synthetic).
    static QJsonObject pieceJson(const Finished &f)
    {
        return QJsonObject{{QStringLiteral("spec"), f.spec.toJson()},
                           {QStringLiteral("run"), QString::number(f.outcome.runId)},
                           {QStringLiteral("synthetic"), f.outcome.synthetic},
                           {QStringLiteral("extractors"), QJsonArray::fromStringList(f.outcome.extractors)},
                           {QStringLiteral("runtime"), f.outcome.runtime},
                           {QStringLiteral("models"), f.outcome.modelsTrained},
                           {QStringLiteral("seconds"), f.outcome.seconds}};
    }

    // The pieces must be one grid (same spec but for the folds, same
    // features) with no fold twice; their rows are reported together.
    Finished merge(const QStringList &dirs)
    {
        if (dirs.size() < 2)
            throw UsageError{QStringLiteral("--merge takes at least two folders, comma-separated")};
        Finished merged;
        QJsonObject firstSpec;
        QSet<QString> seen;
        for (const QString &dirPath : dirs) {
            const QDir dir(dirPath);
            const QString jsonPath = dir.filePath(QStringLiteral("grid.json"));
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(core::csv::readFile(jsonPath), &error);
            if (!doc.isObject())
                throw core::UserError(QStringLiteral("%1: not a grid description (%2); was it written "
                                                     "by experiment --out?")
                                          .arg(jsonPath, error.errorString()));
            const QJsonObject piece = doc.object();
            QJsonObject spec = piece.value(QStringLiteral("spec")).toObject();
            const models::ExperimentSpec parsed = models::ExperimentSpec::fromJson(spec);
            spec.remove(QStringLiteral("only_folds"));
            const QStringList extractors = [&] {
                QStringList l;
                for (const QJsonValue &v : piece.value(QStringLiteral("extractors")).toArray())
                    l.append(v.toString());
                return l;
            }();
            if (merged.pieces.isEmpty()) {
                firstSpec = spec;
                merged.spec = parsed;
                merged.spec.onlyFolds.clear();
                merged.outcome.extractors = extractors;
                merged.outcome.runtime = piece.value(QStringLiteral("runtime")).toString();
            } else if (spec != firstSpec) {
                throw core::UserError(QStringLiteral("%1: another grid than %2 (model, training, grid, "
                                                     "seed, folds or label rule differ)")
                                          .arg(jsonPath, dirs.first()));
            } else if (extractors != merged.outcome.extractors) {
                throw core::UserError(QStringLiteral("%1: trained on other features than %2 (%3)")
                                          .arg(jsonPath, dirs.first(), extractors.join(QStringLiteral("; "))));
            }
            merged.outcome.synthetic = merged.outcome.synthetic || piece.value(QStringLiteral("synthetic")).toBool();
            merged.outcome.modelsTrained += piece.value(QStringLiteral("models")).toInt();
            merged.outcome.seconds += piece.value(QStringLiteral("seconds")).toDouble();
            merged.pieces.append(QStringLiteral("%1 (run %2)").arg(dirPath, piece.value(QStringLiteral("run")).toString()));

            const QString csvPath = dir.filePath(QStringLiteral("results.csv"));
            const auto records = core::csv::parse(core::csv::decodeText(core::csv::readFile(csvPath)), u',', csvPath);
            for (const core::CsvRecord &rec : records) {
                if (rec.line == 1)
                    continue; // header
                const QStringList &f = rec.fields;
                if (f.size() == 1 && f[0].isEmpty())
                    continue;
                const auto modalities = f.size() == 8 ? core::ModalitySet::parseLetters(f[0]) : std::nullopt;
                const auto fusion = f.size() == 8 ? models::parseFusion(f[1]) : std::nullopt;
                bool foldOk = false, posOk = false, negOk = false;
                models::ExperimentRow r;
                if (modalities && fusion) {
                    r.entry = {*modalities, *fusion};
                    r.trainSet = f[2];
                    r.fold = f[3].toInt(&foldOk);
                    r.aucPr = f[4] == u"nan" ? std::nan("") : f[4].toDouble();
                    r.rocAuc = f[5] == u"nan" ? std::nan("") : f[5].toDouble();
                    r.positives = f[6].toInt(&posOk);
                    r.negatives = f[7].toInt(&negOk);
                }
                if (!modalities || !fusion || !foldOk || !posOk || !negOk)
                    throw core::UserError(QStringLiteral("%1:%2: not a results row").arg(csvPath).arg(rec.line));
                const QString key = f.mid(0, 4).join(u',');
                if (seen.contains(key))
                    throw core::UserError(QStringLiteral("%1:%2: %3 fold %4 trained on %5 is in an "
                                                         "earlier piece too")
                                              .arg(csvPath).arg(rec.line).arg(f[0] + u'/' + f[1], f[3], f[2]));
                seen.insert(key);
                merged.outcome.rows.append(r);
            }
        }
        return merged;
    }

    Finished collect(const QCommandLineParser &, const db::ProjectLocation &project, const QString &dir)
    {
        const models::ExperimentBundle bundle = models::ExperimentBundle::open(dir);
        err() << "collecting " << bundle.models().size() << " models from " << bundle.dir()
              << " (written by Modalscope " << bundle.version() << ")" << Qt::endl;
        auto outcome = bundle.collect(project, [this](const QString &line) { err() << line << Qt::endl; });
        return {bundle.spec(), std::move(outcome), {}};
    }

    int runOnSlurm(const QCommandLineParser &p, const db::ProjectLocation &project,
                   const models::ExperimentSpec &spec, const QString &outDir)
    {
        if (!models::SlurmExecutor::available())
            throw core::UserError(QStringLiteral("--executor slurm: sbatch and squeue are not on "
                                                 "PATH (install Slurm's client commands, or run "
                                                 "on the cluster's login node)"));
        const QString dir = required(p, QStringLiteral("bundle"));
        models::SlurmExecutor::Options o;
        o.partition = p.value(QStringLiteral("partition"));
        o.time = p.value(QStringLiteral("time"));
        o.memory = p.value(QStringLiteral("mem"));
        o.gpus = intOption(p, QStringLiteral("gpus"), 0, 0);
        o.cpusPerTask = intOption(p, QStringLiteral("cpus"), 0, 0);
        o.retries = intOption(p, QStringLiteral("retries"), 2, 0);
        const auto bundle = models::ExperimentBundle::create(dir, project, spec,
                                                             QCoreApplication::applicationFilePath());
        err() << "bundle " << bundle.dir() << ": " << bundle.models().size()
              << " models, one array task each" << Qt::endl;
        models::SlurmExecutor slurm(bundle, o);
        const auto log = [this](const QString &line) { err() << line << Qt::endl; };
        if (p.isSet(QStringLiteral("no-wait"))) {
            const QString job = slurm.submit();
            out() << "submitted job array " << job << " (" << bundle.models().size()
                  << " tasks); when it is done: modalscope-cli experiment --db "
                  << project.toString() << " --out " << outDir << " --collect " << bundle.dir() << "\n";
            return 0;
        }
        const QList<int> failed = slurm.runToCompletion(log);
        if (!failed.isEmpty())
            throw core::UserError(QStringLiteral("%1 task(s) still failed after %2 resubmission(s); "
                                                 "see %3/logs, then resubmit with sbatch --array or "
                                                 "collect what is there once they are done")
                                      .arg(failed.size())
                                      .arg(o.retries)
                                      .arg(bundle.dir()));
        return report(p, outDir, collect(p, project, bundle.dir()));
    }

    int report(const QCommandLineParser &, const QString &outDir, const Finished &finished)
    {
        const models::ExperimentSpec &spec = finished.spec;
        const auto &outcome = finished.outcome;
        if (!QDir().mkpath(outDir))
            throw core::UserError(QStringLiteral("%1: cannot create the folder").arg(outDir));

        // results.csv: one row per grid entry, training set and fold.
        QStringList results{QStringLiteral("modalities,fusion,train_set,fold,auc_pr,roc_auc,positives,negatives")};
        for (const auto &r : outcome.rows)
            results.append(core::csv::joinRow({r.entry.modalities.letters(), models::fusionName(r.entry.fusion),
                                               r.trainSet, QString::number(r.fold), num(r.aucPr),
                                               num(r.rocAuc), QString::number(r.positives),
                                               QString::number(r.negatives)}));
        QList<SummaryRow> summary;
        for (const auto &e : spec.entries)
            for (const QString &ts : spec.trainSets) {
                std::vector<double> ap, auc;
                for (const auto &r : outcome.rows)
                    if (r.entry == e && r.trainSet == ts) {
                        if (!std::isnan(r.aucPr))
                            ap.push_back(r.aucPr);
                        if (!std::isnan(r.rocAuc))
                            auc.push_back(r.rocAuc);
                    }
                SummaryRow s{e, ts, core::metrics::bootstrapMean(ap, 10000, 0.95, spec.seed),
                             core::metrics::bootstrapMean(auc, 10000, 0.95, spec.seed), int(ap.size())};
                summary.append(s);
            }
        QStringList summaryCsv{QStringLiteral(
            "modalities,fusion,train_set,auc_pr_mean,auc_pr_ci_low,auc_pr_ci_high,n_folds")};
        for (const auto &s : summary)
            summaryCsv.append(core::csv::joinRow({s.entry.modalities.letters(), models::fusionName(s.entry.fusion),
                                                  s.trainSet, num(s.aucPr.estimate), num(s.aucPr.low),
                                                  num(s.aucPr.high), QString::number(s.folds)}));
        // Paired by fold: the fold's test films are the same for both sides,
        // so the per-fold differences carry the comparison (the paper's
        // CMSD-against-CMAD question, and Figure 8's late-to-early gap).
        struct Paired
        {
            QString what, modalities, trainSet;
            core::metrics::Interval diff;
            int folds = 0, wins = 0;
        };
        auto pair = [&](const models::GridEntry &a, const QString &aSet, const models::GridEntry &b,
                        const QString &bSet) {
            QMap<int, double> left;
            for (const auto &r : outcome.rows)
                if (r.entry == a && r.trainSet == aSet && !std::isnan(r.aucPr))
                    left.insert(r.fold, r.aucPr);
            std::vector<double> d;
            int wins = 0;
            for (const auto &r : outcome.rows)
                if (r.entry == b && r.trainSet == bSet && !std::isnan(r.aucPr) && left.contains(r.fold)) {
                    d.push_back(r.aucPr - left.value(r.fold));
                    wins += d.back() > 0;
                }
            return std::make_pair(core::metrics::bootstrapMean(d, 10000, 0.95, spec.seed), std::make_pair(int(d.size()), wins));
        };
        QList<Paired> paired;
        for (const auto &e : spec.entries) {
            if (spec.trainSets.contains(QStringLiteral("CMAD")) && spec.trainSets.contains(QStringLiteral("CMSD"))) {
                const auto [diff, n] = pair(e, QStringLiteral("CMAD"), e, QStringLiteral("CMSD"));
                if (n.first)
                    paired.append({QStringLiteral("CMSD-CMAD"), e.modalities.letters() + u'/' + models::fusionName(e.fusion),
                                   QStringLiteral("-"), diff, n.first, n.second});
            }
        }
        for (const auto &e : spec.entries) {
            if (e.fusion != models::Fusion::Late)
                continue;
            const models::GridEntry early{e.modalities, models::Fusion::Early};
            if (!spec.entries.contains(early))
                continue;
            for (const QString &ts : spec.trainSets) {
                const auto [diff, n] = pair(early, ts, e, ts);
                if (n.first)
                    paired.append({QStringLiteral("late-early"), e.modalities.letters(), ts, diff, n.first, n.second});
            }
        }
        QStringList pairedCsv{QStringLiteral(
            "comparison,model,train_set,auc_pr_difference,ci_low,ci_high,n_folds,folds_higher")};
        for (const Paired &c : paired)
            pairedCsv.append(core::csv::joinRow({c.what, c.modalities, c.trainSet, num(c.diff.estimate),
                                                 num(c.diff.low), num(c.diff.high), QString::number(c.folds),
                                                 QString::number(c.wins)}));
        const QDir dir(outDir);
        core::writeFileAtomically(dir.filePath(QStringLiteral("paired.csv")),
                                  (pairedCsv.join(u'\n') + u'\n').toUtf8());
        core::writeFileAtomically(dir.filePath(QStringLiteral("results.csv")),
                                (results.join(u'\n') + u'\n').toUtf8());
        core::writeFileAtomically(dir.filePath(QStringLiteral("summary.csv")),
                                (summaryCsv.join(u'\n') + u'\n').toUtf8());
        if (finished.pieces.isEmpty())
            core::writeFileAtomically(dir.filePath(QStringLiteral("grid.json")),
                                      QJsonDocument(pieceJson(finished)).toJson());
        renderChart(summary, false, outcome.synthetic, dir.filePath(QStringLiteral("auc_pr.png")));
        renderChart(summary, true, outcome.synthetic, dir.filePath(QStringLiteral("roc_auc.png")));

        if (!finished.pieces.isEmpty())
            out() << "merged " << finished.pieces.size() << " pieces: " << finished.pieces.join(QStringLiteral(", "))
                  << ": " << outcome.modelsTrained << " models, " << outcome.runtime << ", "
                  << QString::number(outcome.seconds, 'f', 1) << " s of training in all\n";
        else
            out() << "run " << outcome.runId << ": " << outcome.modelsTrained << " models ("
                  << outcome.parameters << " trainable parameters each for the first), "
                  << outcome.runtime << ", " << QString::number(outcome.seconds, 'f', 1) << " s\n";
        if (outcome.synthetic)
            out() << "SYNTHETIC features: these numbers measure the pipeline on generated "
                     "features, not a model of real films.\n";
        out() << "features: " << outcome.extractors.join(QStringLiteral("; ")) << "\n";
        out() << "labels: " << spec.labelRule.toString() << " (" << spec.labelRule.description()
              << ")\n";
        out() << "modalities fusion   train  AUC-PR (95% CI)         folds\n";
        for (const auto &s : summary)
            out() << QStringLiteral("%1 %2 %3  %4 (%5-%6)  %7\n")
                         .arg(s.entry.modalities.letters(), -10)
                         .arg(models::fusionName(s.entry.fusion), -8)
                         .arg(s.trainSet, -5)
                         .arg(num(s.aucPr.estimate), num(s.aucPr.low), num(s.aucPr.high))
                         .arg(s.folds);
        if (!paired.isEmpty()) {
            out() << "paired by fold (AUC-PR difference, 95% CI, folds where the second is higher):\n";
            for (const Paired &c : paired)
                out() << QStringLiteral("  %1 %2 %3  %4 (%5 to %6)  %7/%8\n")
                             .arg(c.what, -10)
                             .arg(c.modalities, -8)
                             .arg(c.trainSet, -5)
                             .arg(num(c.diff.estimate), num(c.diff.low), num(c.diff.high))
                             .arg(c.wins)
                             .arg(c.folds);
        }
        out() << "wrote " << dir.filePath(QStringLiteral("results.csv")) << ", summary.csv, "
              << "paired.csv, auc_pr.png, roc_auc.png\n";
        return 0;
    }
};

const CommandRegistration registration(210, [] { return std::make_unique<ExperimentCommand>(); });

} // namespace
} // namespace ms::cli
