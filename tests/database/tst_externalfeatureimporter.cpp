#include "core/error.h"
#include "database/externalfeatureimporter.h"
#include "database/featurestore.h"
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "projectdump.h"
#include "../testsupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <limits>

using namespace ms;

namespace {
QByteArray npy2d(int tokens, int dim, float fill)
{
    QByteArray header = QStringLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (%1, %2), }")
                            .arg(tokens)
                            .arg(dim)
                            .toLatin1();
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out += char(header.size() & 0xff);
    out += char(header.size() >> 8);
    out += header;
    for (int i = 0; i < tokens * dim; ++i)
        out.append(reinterpret_cast<const char *>(&fill), 4);
    return out;
}
} // namespace

class TestExternalFeatureImporter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<db::ProjectDatabase> m_project;

    QString folder(const QString &name)
    {
        const QString p = m_dir.filePath(name);
        QDir().mkpath(p);
        return p;
    }
    QString errorOf(const QString &dir)
    {
        try {
            db::ExternalFeatureImporter(*m_project).importNpyFolder(dir, core::Modality::Visual, "x");
        } catch (const core::UserError &e) {
            return e.message();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        m_project = std::make_unique<db::ProjectDatabase>(m_dir.filePath("p.msproj"),
                                                          db::ProjectDatabase::Mode::OpenOrCreate);
        QList<core::ImportRecord> recs(2);
        recs[0].clipId = "c1";
        recs[0].movieId = "f";
        recs[0].hasTimes = true;
        recs[0].startMs = 10000;
        recs[0].endMs = 16000;
        recs[1].clipId = "c2";
        recs[1].movieId = "f";
        db::ImportService(*m_project).apply(recs, "x", "test");
    }

    void importsAndSkipsUnchanged()
    {
        const QString dir = folder("good");
        test::writeFile(dir + "/c1.npy", npy2d(3, 4, 1.0f));
        test::writeFile(dir + "/c2.npy", npy2d(5, 4, 2.0f));
        db::ExternalFeatureImporter imp(*m_project);
        auto rep = imp.importNpyFolder(dir, core::Modality::Visual, "xclip");
        QCOMPARE(rep.clips, 2);
        QCOMPARE(rep.dim, 4);
        QCOMPARE(rep.minTokens, 3);
        QCOMPARE(rep.maxTokens, 5);
        db::FeatureStore store(m_project->sql());
        const auto all = store.loadAll(rep.extractorId);
        // Spans spread over the clip's time range (10 s to 16 s in 3 tokens).
        QCOMPARE(all.value("c1").spans, (std::vector<core::TokenSpan>{{10000, 12000}, {12000, 14000}, {14000, 16000}}));
        QCOMPARE(all.value("c2").spans.back(), (core::TokenSpan{4000, 5000}));
        QCOMPARE(store.extractor(rep.extractorId)->info.name, QString("npy:xclip"));
        rep = imp.importNpyFolder(dir, core::Modality::Visual, "xclip");
        QCOMPARE(rep.clips, 0);
        QCOMPARE(rep.unchanged, 2);
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("dims") << "dims" << "every clip of one extractor needs the same dimension";
        QTest::newRow("nan") << "nan" << "is NaN";
        QTest::newRow("unknown") << "unknown" << "1 of 2 clip ids are not in the project (zz9)";
        QTest::newRow("broken") << "broken" << "c2.npy: not a usable .npy array";
        QTest::newRow("empty") << "empty" << "no .npy files";
    }

    void badInputChangesNothing()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString dir = folder(name);
        test::writeFile(dir + "/c1.npy", npy2d(3, 4, 1.0f));
        if (name == "dims")
            test::writeFile(dir + "/c2.npy", npy2d(3, 5, 1.0f));
        else if (name == "nan")
            test::writeFile(dir + "/c2.npy", npy2d(2, 4, std::numeric_limits<float>::quiet_NaN()));
        else if (name == "unknown")
            test::writeFile(dir + "/zz9.npy", npy2d(3, 4, 1.0f));
        else if (name == "broken")
            test::writeFile(dir + "/c2.npy", npy2d(3, 4, 1.0f).left(100));
        else if (name == "empty")
            QFile::remove(dir + "/c1.npy");
        const QString before = test::dumpProject(m_project->sql());
        const QString msg = errorOf(dir);
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QCOMPARE(test::dumpProject(m_project->sql()), before);
    }
};

QTEST_GUILESS_MAIN(TestExternalFeatureImporter)
#include "tst_externalfeatureimporter.moc"
