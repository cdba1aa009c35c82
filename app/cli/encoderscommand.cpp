#include "app/cli/commands.h"
#include "core/error.h"
#include "database/filmrepository.h"
#include "database/projectdatabase.h"
#include "database/projectmeta.h"
#include "database/transaction.h"
#include "models/torchscriptencoder.h"

namespace ms::cli {
namespace {

// Registered TorchScript encoders live in project_meta as
// encoder.<V|A>.path (stored like media paths) and encoder.<V|A>.size.
class EncodersCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("encoders"); }
    QString summary() const override
    {
        return QStringLiteral("register a TorchScript encoder per modality for `extract`, list or remove them");
    }
    void addOptions(QCommandLineParser &p) override
    {
        p.addOption({QStringLiteral("db"), QStringLiteral("project file"), QStringLiteral("P")});
        p.addOption({QStringLiteral("register"),
                     QStringLiteral("a TorchScript file: visual modules take float [1,16,3,S,S] RGB "
                                    "in 0..1, audio modules [1,frames,128] log-mel; both return [D]"),
                     QStringLiteral("FILE")});
        p.addOption({QStringLiteral("modality"), QStringLiteral("v or a"), QStringLiteral("M")});
        p.addOption({QStringLiteral("frame-size"), QStringLiteral("visual input size S (default 224)"),
                     QStringLiteral("S")});
        p.addOption({QStringLiteral("remove"), QStringLiteral("v or a: go back to the built-in features"),
                     QStringLiteral("M")});
    }
    int execute(const QCommandLineParser &p) override
    {
        const auto opened = openProject(p, db::ProjectDatabase::Mode::OpenExisting);
        db::ProjectDatabase &project = *opened;
        db::ProjectMeta meta(project.sql());
        db::FilmRepository paths(project);
        auto modalityOf = [](const QString &v) {
            const auto m = core::parseModality(v);
            if (!m || *m == core::Modality::Text)
                throw UsageError{QStringLiteral("encoders exist for v (visual) and a (audio), not '%1'").arg(v)};
            return *m;
        };
        if (p.isSet(QStringLiteral("register"))) {
            const core::Modality m = modalityOf(required(p, QStringLiteral("modality")));
            const int size = intOption(p, QStringLiteral("frame-size"), 224, 8);
            const QString file = p.value(QStringLiteral("register"));
            models::TorchScriptEncoder check(file, m, size); // refuses what LibTorch cannot load
            const QString key = QStringLiteral("encoder.") + core::modalityLetter(m);
            db::Transaction tx(project.sql());
            meta.set(key + QStringLiteral(".path"), paths.toStored(file));
            meta.set(key + QStringLiteral(".size"), QString::number(size));
            tx.commit();
        } else if (p.isSet(QStringLiteral("remove"))) {
            const QString key = QStringLiteral("encoder.") + core::modalityLetter(modalityOf(p.value(QStringLiteral("remove"))));
            db::Transaction tx(project.sql());
            meta.set(key + QStringLiteral(".path"), QString());
            tx.commit();
        }
        for (core::Modality m : {core::Modality::Visual, core::Modality::Audio}) {
            const QString path = meta.value(QStringLiteral("encoder.%1.path").arg(core::modalityLetter(m)));
            out() << QStringLiteral("%1 %2\n")
                         .arg(core::modalityName(m), -8)
                         .arg(path.isEmpty() ? QStringLiteral("built-in") : QStringLiteral("torchscript ") + path);
        }
        return 0;
    }
};

const CommandRegistration registration(135, [] { return std::make_unique<EncodersCommand>(); });

} // namespace
} // namespace ms::cli
