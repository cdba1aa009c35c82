#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "ui/cliptablemodel.h"
#include "ui/levelpalette.h"
#include "ui/projectdocument.h"

#include <QBrush>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using core::Level;

class TestClipTableModel : public QObject
{
    Q_OBJECT

private slots:
    void formatTime_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << "0:00.000";
        QTest::newRow("minute") << qint64(62500) << "1:02.500";
        QTest::newRow("hour") << qint64(3723004) << "1:02:03.004";
    }
    void formatTime()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(ui::ClipTableModel::formatTime(ms), text);
        QCOMPARE(ui::ClipTableModel::formatTime(std::nullopt), QStringLiteral("\u2013"));
    }

    void levelColoursAreDistinct()
    {
        QSet<QRgb> seen;
        for (auto l : {std::optional(Level::EasyNegative), std::optional(Level::HardNegative),
                       std::optional(Level::Sure), std::optional<Level>()}) {
            seen.insert(ui::LevelPalette::color(l).rgb());
            seen.insert(ui::LevelPalette::background(l).rgb());
        }
        QCOMPARE(seen.size(), 8);
    }

    void rowsFollowTheRepository()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("m.msproj");
        {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
            core::ImportRecord a;
            a.clipId = "x1";
            a.movieId = "tt1";
            a.level = Level::Sure;
            a.concepts = {"Look"};
            core::ImportRecord b;
            b.clipId = "x2";
            b.movieId = "tt1";
            db::ImportService(project).apply({a, b}, "setup", "test");
        }
        ui::ProjectDocument doc(path, ui::ProjectDocument::OpenMode::OpenExisting);
        ui::ClipTableModel model;
        model.setDocument(&doc);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.annotatedCount(), 1);
        const QModelIndex level = model.index(0, ui::ClipTableModel::LevelColumn);
        QCOMPARE(level.data().toString(), QStringLiteral("S"));
        QCOMPARE(level.data(Qt::BackgroundRole).value<QBrush>().color(),
                 ui::LevelPalette::background(Level::Sure));
        QCOMPARE(model.index(0, ui::ClipTableModel::ConceptsColumn).data().toString(),
                 QStringLiteral("Look"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy counts(&model, &ui::ClipTableModel::countsChanged);
        const qint64 x2 = model.clipIdAt(1);
        QVERIFY(doc.writeAnnotation(x2, "alice", {Level::HardNegative, {"Voice"}, {}}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(counts.size(), 1);
        QCOMPARE(model.annotatedCount(), 2);
        QCOMPARE(model.index(1, ui::ClipTableModel::LevelColumn).data().toString(),
                 QStringLiteral("HN"));
        QCOMPARE(model.index(1, ui::ClipTableModel::AnnotatorColumn).data().toString(),
                 QStringLiteral("alice"));
    }
};

QTEST_MAIN(TestClipTableModel)
#include "tst_cliptablemodel.moc"
