// The clip list: V/A/T marks, number of annotators and a note mark, the
// filters (film, level, "not annotated", concept, modality, annotator) and
// sorting by any column, on a real project file.
#include "database/importservice.h"
#include "database/projectdatabase.h"
#include "tests/testsupport.h"
#include "ui/clipbrowser.h"
#include "ui/clipfilterproxy.h"
#include "ui/cliptablemodel.h"
#include "ui/projectdocument.h"

#include <QComboBox>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;
using core::Level;
using ui::ClipTableModel;

class TestClipBrowser : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::ProjectDocument> m_doc;
    std::unique_ptr<ClipTableModel> m_model;
    std::unique_ptr<ui::ClipBrowser> m_browser;

    static core::ImportRecord record(const QString &clip, const QString &movie, qint64 start,
                                     std::optional<Level> level, QStringList concepts = {})
    {
        core::ImportRecord r = test::timedRecord(clip, movie, start, 4000, level);
        r.concepts = std::move(concepts);
        return r;
    }

    qint64 id(const QString &clip)
    {
        for (const core::Clip &c : m_doc->clips())
            if (c.name == clip)
                return c.id;
        qFatal("no clip %s", qPrintable(clip));
    }

    QString cell(const QString &clip, int column)
    {
        return m_model->index(m_model->rowOf(id(clip)), column).data().toString();
    }

    // The clips the browser shows, in its order.
    QStringList shown()
    {
        QStringList out;
        QAbstractItemModel *m = m_browser->view()->model();
        for (int row = 0; row < m->rowCount(); ++row)
            out.append(m->index(row, ClipTableModel::ClipColumn).data().toString());
        return out;
    }

    static void choose(QComboBox *box, const QVariant &data)
    {
        const int i = box->findData(data);
        QVERIFY2(i >= 0, qPrintable(data.toString()));
        box->setCurrentIndex(i);
    }

private slots:
    void init()
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("b%1.msproj").arg(++n));
        {
            db::ProjectDatabase project(path, db::ProjectDatabase::Mode::OpenOrCreate);
            db::ImportService(project).apply(
                {record("c1", "tt1", 0, Level::Sure, {"Body", "Voice"}),
                 record("c2", "tt1", 5000, Level::HardNegative, {"Speech"}),
                 record("c3", "tt1", 10000, std::nullopt),
                 record("c4", "tt1", 15000, Level::EasyNegative),
                 record("d1", "tt2", 0, Level::Sure, {"Look"}),
                 record("d2", "tt2", 5000, std::nullopt)},
                "carol", "test");
        }
        m_doc = std::make_unique<ui::ProjectDocument>(path,
                                                      ui::ProjectDocument::OpenMode::OpenExisting);
        // bob agrees on d1 with a note, later than carol: his is shown.
        QVERIFY(m_doc->writeAnnotation(id("d1"), "bob", {Level::Sure, {"Look", "Speech"}, "gaze"}));
        m_model = std::make_unique<ClipTableModel>();
        m_model->setDocument(m_doc.get());
        m_browser = std::make_unique<ui::ClipBrowser>(m_model.get());
        m_browser->setDocument(m_doc.get());
    }

    void cleanup()
    {
        m_browser.reset();
        m_model.reset();
        m_doc.reset();
    }

    void marksCountsAndNote()
    {
        QCOMPARE(cell("c1", ClipTableModel::LevelColumn), QStringLiteral("S"));
        QCOMPARE(cell("c1", ClipTableModel::ModalitiesColumn), QStringLiteral("V A \u00b7"));
        QCOMPARE(cell("c2", ClipTableModel::ModalitiesColumn), QStringLiteral("\u00b7 \u00b7 T"));
        QCOMPARE(cell("d1", ClipTableModel::ModalitiesColumn), QStringLiteral("V \u00b7 T"));
        QCOMPARE(cell("c4", ClipTableModel::ModalitiesColumn), QString()); // EN, no concept
        QCOMPARE(cell("c3", ClipTableModel::ModalitiesColumn), QString());
        QCOMPARE(cell("d1", ClipTableModel::AnnotatorsColumn), QStringLiteral("2"));
        QCOMPARE(cell("c1", ClipTableModel::AnnotatorsColumn), QStringLiteral("1"));
        QCOMPARE(cell("c3", ClipTableModel::AnnotatorsColumn), QString());
        QCOMPARE(cell("d1", ClipTableModel::AnnotatorColumn), QStringLiteral("bob"));
        QVERIFY(!cell("d1", ClipTableModel::NoteColumn).isEmpty());
        QVERIFY(cell("c1", ClipTableModel::NoteColumn).isEmpty());
        const QModelIndex note =
            m_model->index(m_model->rowOf(id("d1")), ClipTableModel::NoteColumn);
        QCOMPARE(note.data(Qt::ToolTipRole).toString(), QStringLiteral("Note: gaze"));

        // Counts follow edits and their undo (a clear), clip by clip.
        QVERIFY(m_doc->writeAnnotation(id("c1"), "alice", {Level::Sure, {"Body"}, "legs"}));
        QCOMPARE(cell("c1", ClipTableModel::AnnotatorsColumn), QStringLiteral("2"));
        QCOMPARE(cell("c1", ClipTableModel::ModalitiesColumn), QStringLiteral("V \u00b7 \u00b7"));
        QVERIFY(!cell("c1", ClipTableModel::NoteColumn).isEmpty());
        QVERIFY(m_doc->writeAnnotation(id("c1"), "alice", {}));
        QCOMPARE(cell("c1", ClipTableModel::AnnotatorsColumn), QStringLiteral("1"));
        QCOMPARE(cell("c1", ClipTableModel::AnnotatorColumn), QStringLiteral("carol"));
        QCOMPARE(cell("c1", ClipTableModel::ModalitiesColumn), QStringLiteral("V A \u00b7"));
        QVERIFY(m_doc->writeAnnotation(id("c3"), "alice", {Level::EasyNegative, {}, {}}));
        QCOMPARE(cell("c3", ClipTableModel::AnnotatorsColumn), QStringLiteral("1"));
    }

    void filters()
    {
        QCOMPARE(shown(), (QStringList{"c1", "c2", "c3", "c4", "d1", "d2"}));
        choose(m_browser->levelFilter(), int(Level::Sure));
        QCOMPARE(shown(), (QStringList{"c1", "d1"}));
        choose(m_browser->filmFilter(), "tt1");
        QCOMPARE(shown(), QStringList{"c1"});
        m_browser->clearFilters();
        choose(m_browser->levelFilter(), -2);
        QCOMPARE(shown(), (QStringList{"c3", "d2"}));
        m_browser->clearFilters();
        choose(m_browser->conceptFilter(), "Speech");
        QCOMPARE(shown(), (QStringList{"c2", "d1"}));
        m_browser->clearFilters();
        choose(m_browser->modalityFilter(), "A");
        QCOMPARE(shown(), QStringList{"c1"});
        choose(m_browser->modalityFilter(), "T");
        QCOMPARE(shown(), (QStringList{"c2", "d1"}));
        m_browser->clearFilters();
        QCOMPARE(m_browser->annotatorFilter()->count(), 3); // Anyone, bob, carol
        choose(m_browser->annotatorFilter(), "bob");
        QCOMPARE(shown(), QStringList{"d1"});
        choose(m_browser->annotatorFilter(), "carol");
        QCOMPARE(shown(), (QStringList{"c1", "c2", "c4", "d1"}));
        // Criteria combine.
        choose(m_browser->conceptFilter(), "Look");
        QCOMPARE(shown(), QStringList{"d1"});
        // Selecting a hidden clip clears the filters.
        QVERIFY(m_browser->selectClip(id("d2")));
        QCOMPARE(m_browser->visibleClipCount(), 6);
        QCOMPARE(m_browser->annotatorFilter()->currentIndex(), 0);
    }

    void notAnnotatedKeepsTheRowUnderTheCursor()
    {
        choose(m_browser->levelFilter(), -2);
        QVERIFY(m_browser->selectClip(id("c3")));
        QVERIFY(m_doc->writeAnnotation(id("c3"), "alice", {Level::EasyNegative, {}, {}}));
        // Still there, so Down reaches the next one...
        QCOMPARE(shown(), (QStringList{"c3", "d2"}));
        QVERIFY(m_browser->selectRelative(1));
        QCOMPARE(m_browser->currentClipId(), id("d2"));
        // ...and gone once the filter is applied again. A new annotator joined.
        choose(m_browser->levelFilter(), int(Level::Sure));
        choose(m_browser->levelFilter(), -2);
        QCOMPARE(shown(), QStringList{"d2"});
        QVERIFY(m_browser->annotatorFilter()->findData("alice") >= 0);
    }

    void sortsByAnyColumn()
    {
        QTableView *view = m_browser->view();
        for (int column = 0; column < ClipTableModel::ColumnCount; ++column) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                view->sortByColumn(column, order);
                QAbstractItemModel *m = view->model();
                QCOMPARE(m->rowCount(), 6);
                for (int row = 1; row < m->rowCount(); ++row) {
                    const QVariant a = m->index(row - 1, column).data(ClipTableModel::SortRole);
                    const QVariant b = m->index(row, column).data(ClipTableModel::SortRole);
                    const int cmp = QVariant::compare(a, b) == QPartialOrdering::Less      ? -1
                                    : QVariant::compare(a, b) == QPartialOrdering::Greater ? 1
                                                                                           : 0;
                    QVERIFY2(order == Qt::AscendingOrder ? cmp <= 0 : cmp >= 0,
                             qPrintable(QStringLiteral("column %1 row %2").arg(column).arg(row)));
                }
            }
        }
        view->sortByColumn(ClipTableModel::AnnotatorsColumn, Qt::DescendingOrder);
        QCOMPARE(shown().first(), QStringLiteral("d1"));
        view->sortByColumn(ClipTableModel::NoteColumn, Qt::DescendingOrder);
        QCOMPARE(shown().first(), QStringLiteral("d1"));
        view->sortByColumn(ClipTableModel::ModalitiesColumn, Qt::DescendingOrder);
        // Visual first, then audio, then textual: V A . (c1) before V . T (d1).
        QCOMPARE(shown().mid(0, 2), (QStringList{"c1", "d1"}));
    }
};

QTEST_MAIN(TestClipBrowser)
#include "tst_clipbrowser.moc"
