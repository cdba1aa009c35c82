#include "../testsupport.h"
#include "core/error.h"
#include "core/formats/formatregistry.h"
#include "core/formats/obygazeformat.h"
#include "core/obygazereader.h"

#include <QTemporaryDir>
#include <QTest>
#include <stdexcept>

using namespace ms::core;

namespace {

const QByteArray kObyGazeTable =
    "idx;util;clip;label;overlap_ratio;concepts;id;movie;srt_name;video_name;graph_number\r\n"
    ";;;;;;;;;;\r\n"
    "0;1;a;Easy Neg;1.00;[''];tt1-001;tt1;a.srt;;0\r\n"
    "1;1;b;Hard Neg;1.00;['Speech'];tt1-002;tt1;b.srt;;-1\r\n"
    "2;1;c;Sure;1.00;['Voice', ' Body'];tt2-001;tt2;c.srt;;-1\r\n"
    "3;1;d;Not Sure;1.00;['Look'];tt3-001;tt3;c.srt;;-1\r\n";

ImportRecord record(const QString &clip, const QString &movie, std::optional<qint64> start,
                    std::optional<qint64> end, std::optional<Level> level,
                    const QStringList &concepts)
{
    ImportRecord r;
    r.clipId = clip;
    r.movieId = movie;
    r.hasTimes = true;
    r.startMs = start;
    r.endMs = end;
    r.level = level;
    r.concepts = concepts;
    return r;
}

// What a table says about a clip; `line` and `sourceLabel` describe the file.
void compareRecords(const QList<ImportRecord> &got, const QList<ImportRecord> &want)
{
    QCOMPARE(got.size(), want.size());
    for (int i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].clipId, want[i].clipId);
        QCOMPARE(got[i].movieId, want[i].movieId);
        QCOMPARE(got[i].hasTimes, want[i].hasTimes);
        QCOMPARE(got[i].startMs, want[i].startMs);
        QCOMPARE(got[i].endMs, want[i].endMs);
        QCOMPARE(got[i].level, want[i].level);
        QCOMPARE(got[i].concepts, want[i].concepts);
    }
}

class FakeFormat final : public AnnotationFormat
{
public:
    explicit FakeFormat(QString id) : m_id(std::move(id)) {}
    QString id() const override { return m_id; }
    QString label() const override { return QStringLiteral("Fake"); }
    QString description() const override { return QStringLiteral("nothing"); }
    QString fileFilter() const override { return QStringLiteral("Fake (*.fake)"); }
    QString defaultAnnotator() const override { return QStringLiteral("fake"); }
    QList<ImportRecord> read(const QString &, const FormatOptionValues &) const override
    {
        return {};
    }

private:
    QString m_id;
};

} // namespace

class TestFormatRegistry : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) { return m_dir.filePath(name); }

private slots:
    void everyFormatDescribesItself()
    {
        const FormatRegistry &registry = FormatRegistry::builtIn();
        QVERIFY(registry.formats().size() >= 2);
        QStringList ids;
        for (const AnnotationFormat *f : registry.formats()) {
            QVERIFY2(!ids.contains(f->id()), qPrintable(f->id()));
            ids.append(f->id());
            QCOMPARE(f->id(), f->id().toLower());
            QVERIFY(!f->label().isEmpty());
            QVERIFY(!f->description().isEmpty());
            QVERIFY2(f->fileFilter().contains(QStringLiteral("(*.")), qPrintable(f->fileFilter()));
            QVERIFY(!f->defaultAnnotator().isEmpty());
            for (const FormatOption &o : f->options()) {
                QVERIFY(!o.key.isEmpty());
                QVERIFY2(o.values().contains(o.defaultValue), qPrintable(o.key));
            }
        }
        QCOMPARE(registry.ids(), ids);
    }

    void lookup_data()
    {
        QTest::addColumn<QString>("asked");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("annotator");
        QTest::newRow("obygaze") << "obygaze"
                                 << "obygaze"
                                 << "obygaze";
        QTest::newRow("modalscope") << "modalscope"
                                    << "modalscope"
                                    << "import";
        QTest::newRow("any case") << " ObyGaze"
                                  << "obygaze"
                                  << "obygaze";
    }
    void lookup()
    {
        QFETCH(QString, asked);
        QFETCH(QString, id);
        QFETCH(QString, annotator);
        const AnnotationFormat *f = FormatRegistry::builtIn().find(asked);
        QVERIFY(f);
        QCOMPARE(f->id(), id);
        QCOMPARE(f->defaultAnnotator(), annotator);
        QCOMPARE(&FormatRegistry::builtIn().format(asked), f);
    }

    void unknownIdRefusedInWords()
    {
        const FormatRegistry &registry = FormatRegistry::builtIn();
        QCOMPARE(registry.find(QStringLiteral("xml")), nullptr);
        try {
            registry.format(QStringLiteral("xml"));
            QFAIL("an unknown format was accepted");
        } catch (const UserError &e) {
            QCOMPARE(e.message(), QStringLiteral("Unknown annotation format 'xml'; use obygaze or "
                                                 "modalscope."));
        }
    }

    void registrationIsOnePlaceAndOneIdEach()
    {
        FormatRegistry registry;
        QVERIFY(registry.formats().isEmpty());
        registry.add(std::make_unique<FakeFormat>(QStringLiteral("fake")));
        QCOMPARE(registry.ids(), QStringList{QStringLiteral("fake")});
        QVERIFY(registry.writers().isEmpty());
        QVERIFY_THROWS_EXCEPTION(
            std::logic_error, registry.add(std::make_unique<FakeFormat>(QStringLiteral("FAKE"))));
        QCOMPARE(registry.formats().size(), 1);
    }

    void everyWriterRoundTrips()
    {
        const QList<ImportRecord> records = {
            record("tt1-001", "tt1", 0, 12000, Level::EasyNegative, {}),
            record("tt1-002", "tt1", 12000, 20500, Level::HardNegative, {"Speech"}),
            record("tt2-001", "tt2", std::nullopt, std::nullopt, Level::Sure,
                   {"Voice", "Body", "Exp of emotion"}),
            record("tt2, \"quoted\"", "tt2", 5, 6, std::nullopt, {}),
        };
        const auto writers = FormatRegistry::builtIn().writers();
        QVERIFY(!writers.isEmpty());
        QVERIFY(FormatRegistry::builtIn().find(QStringLiteral("modalscope"))->canWrite());
        for (const AnnotationFormat *f : writers) {
            const QString file = path(f->id() + QStringLiteral(".table"));
            ms::test::writeFile(file, f->write(records));
            const ImportedTable table = f->import(file);
            compareRecords(table.records, records);
            QCOMPARE(table.annotator, f->defaultAnnotator());
            QCOMPARE(table.source, QStringLiteral("import:%1:%2.table").arg(f->id(), f->id()));
            // Written again, the same bytes: nothing drifts on a second trip.
            QCOMPARE(f->write(table.records), f->write(records));
        }
    }

    void aReadOnlyFormatRefusesToWrite()
    {
        const AnnotationFormat &obygaze =
            FormatRegistry::builtIn().format(QStringLiteral("obygaze"));
        QVERIFY(!obygaze.canWrite());
        QVERIFY(!FormatRegistry::builtIn().writers().contains(&obygaze));
        QVERIFY_THROWS_EXCEPTION(UserError, obygaze.write({}));
    }

    void obygazeThroughRegistryEqualsReader_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("rule");
        QTest::addColumn<QString>("code");
        QTest::newRow("default") << QString() << int(NotSureRule::HardNegative) << "hn";
        QTest::newRow("hn") << "hn" << int(NotSureRule::HardNegative) << "hn";
        QTest::newRow("s, any case") << " S" << int(NotSureRule::Sure) << "s";
        QTest::newRow("exclude") << "exclude" << int(NotSureRule::Exclude) << "exclude";
    }
    void obygazeThroughRegistryEqualsReader()
    {
        QFETCH(QString, value);
        QFETCH(int, rule);
        QFETCH(QString, code);
        const QString file = path(QStringLiteral("t.csv"));
        ms::test::writeFile(file, kObyGazeTable);
        FormatOptionValues options;
        if (!value.isNull())
            options.insert(ObyGazeFormat::notSureOptionKey(), value);
        const ImportedTable table =
            FormatRegistry::builtIn().format(QStringLiteral("obygaze")).import(file, options);
        const QList<ImportRecord> direct = ObyGazeReader::read(file, NotSureRule(rule));
        compareRecords(table.records, direct);
        for (int i = 0; i < direct.size(); ++i)
            QCOMPARE(table.records[i].sourceLabel, direct[i].sourceLabel);
        QCOMPARE(table.annotator, QStringLiteral("obygaze"));
        QCOMPARE(table.source, QStringLiteral("import:obygaze:t.csv"));
        QCOMPARE(table.meta, (QMap<QString, QString>{{QStringLiteral("not_sure_rule"), code}}));
    }

    void optionsAreCheckedAndIgnoredWhereTheyDoNotApply()
    {
        const FormatRegistry &registry = FormatRegistry::builtIn();
        const AnnotationFormat &obygaze = registry.format(QStringLiteral("obygaze"));
        const AnnotationFormat &own = registry.format(QStringLiteral("modalscope"));
        const FormatOptionValues bad{{ObyGazeFormat::notSureOptionKey(), QStringLiteral("maybe")}};
        try {
            obygaze.resolveOptions(bad);
            QFAIL("a value that is no choice was accepted");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("'not-sure' must be hn, s or exclude, "
                                                         "not 'maybe'")),
                     qPrintable(e.message()));
        }
        QVERIFY(own.resolveOptions(bad).isEmpty());
        QCOMPARE(registry.idsWithOption(ObyGazeFormat::notSureOptionKey()),
                 QStringList{QStringLiteral("obygaze")});
        QCOMPARE(registry.allOptions().size(), 1);
        QCOMPARE(listInWords({"a"}), QStringLiteral("a"));
        QCOMPARE(listInWords({"a", "b", "c"}), QStringLiteral("a, b or c"));
    }

    void badFileNamedInTheError()
    {
        const QString file = path(QStringLiteral("broken.csv"));
        ms::test::writeFile(file, "clip_id,movie\nx,y\n");
        try {
            FormatRegistry::builtIn().format(QStringLiteral("modalscope")).import(file);
            QFAIL("a broken table was read");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("broken.csv")), qPrintable(e.message()));
        }
    }

    void realObyGazeTableThroughRegistry()
    {
        const QString table = ms::test::obygazeTable();
        if (table.isEmpty())
            QSKIP("MODALSCOPE_SHARED is not set or lacks datasets/obygaze12: real-data check "
                  "skipped");
        const ImportedTable viaRegistry =
            FormatRegistry::builtIn().format(QStringLiteral("obygaze")).import(table);
        compareRecords(viaRegistry.records, ObyGazeReader::read(table, NotSureRule::HardNegative));
        QCOMPARE(viaRegistry.records.size(), 1914);
    }
};

QTEST_GUILESS_MAIN(TestFormatRegistry)
#include "tst_formatregistry.moc"
