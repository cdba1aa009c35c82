#include "../testsupport.h"
#include "core/error.h"
#include "core/formats/formatregistry.h"
#include "core/formats/obygazeformat.h"
#include "core/obygazereader.h"
#include "tests/core/formatfixtures.h"

#include <QTemporaryDir>
#include <QTest>
#include <stdexcept>

using namespace ms::core;
using ms::test::described;
using ms::test::record;

namespace {

// Reordered columns and a "Not Sure" row, as the older release wrote them.
const QByteArray kObyGazeTable =
    "movie;id;idx;label;concepts;util;clip;overlap_ratio;srt_name;video_name;graph_number\r\n"
    ";;;;;;;;;;\r\n"
    "tt7;tt7-010;0;Sure;['Body', ' Look'];1;x;1.00;x.srt;;0\r\n"
    "tt7;tt7-011;1;Not Sure;['Exp of emotion'];1;y;1.00;x.srt;;0\r\n"
    "tt8;tt8-001;2;Easy Neg;[''];1;z;0.80;z.srt;;-1\r\n";

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
            QCOMPARE(e.message(), QStringLiteral("Unknown annotation format 'xml'; use obygaze, "
                                                 "modalscope or eaf."));
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
        QList<ImportRecord> timed;
        for (const ImportRecord &r : records)
            if (r.startMs && r.endMs)
                timed.append(r);
        for (const AnnotationFormat *f : writers) {
            // A timeline format refuses untimed clips in words, and writes the others.
            if (f->needsClipTimes())
                QVERIFY_THROWS_EXCEPTION(UserError, f->write(records));
            const QList<ImportRecord> &written = f->needsClipTimes() ? timed : records;
            const QString file = path(f->id() + QStringLiteral(".table"));
            ms::test::writeFile(file, f->write(written));
            const ImportedTable table = f->import(file);
            QCOMPARE(described(table.records), described(written));
            QCOMPARE(table.annotator, f->defaultAnnotator());
            QCOMPARE(table.source, QStringLiteral("import:%1:%2.table").arg(f->id(), f->id()));
            // Written again, the same bytes: nothing drifts on a second trip.
            QCOMPARE(f->write(table.records), f->write(written));
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
        QTest::addColumn<QString>("notSureRow");
        QTest::newRow("default") << QString() << int(NotSureRule::HardNegative) << "hn"
                                 << "tt7-011 of tt7, untimed ?-?, HN [Exp of emotion]";
        QTest::newRow("hn") << "hn" << int(NotSureRule::HardNegative) << "hn"
                            << "tt7-011 of tt7, untimed ?-?, HN [Exp of emotion]";
        QTest::newRow("s, any case") << " S" << int(NotSureRule::Sure) << "s"
                                     << "tt7-011 of tt7, untimed ?-?, S [Exp of emotion]";
        QTest::newRow("exclude") << "exclude" << int(NotSureRule::Exclude) << "exclude"
                                 << "tt7-011 of tt7, untimed ?-?, unannotated [Exp of emotion]";
    }
    void obygazeThroughRegistryEqualsReader()
    {
        QFETCH(QString, value);
        QFETCH(int, rule);
        QFETCH(QString, code);
        QFETCH(QString, notSureRow);
        const QString file = path(QStringLiteral("t.csv"));
        ms::test::writeFile(file, kObyGazeTable);
        FormatOptionValues options;
        if (!value.isNull())
            options.insert(ObyGazeFormat::notSureOptionKey(), value);
        const ImportedTable table =
            FormatRegistry::builtIn().format(QStringLiteral("obygaze")).import(file, options);
        const QList<ImportRecord> direct = ObyGazeReader::read(file, NotSureRule(rule));
        QCOMPARE(described(table.records), described(direct));
        QCOMPARE(described(table.records).value(1), notSureRow);
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
        QCOMPARE(described(viaRegistry.records),
                 described(ObyGazeReader::read(table, NotSureRule::HardNegative)));
        QCOMPARE(viaRegistry.records.size(), 1914);
    }
};

QTEST_GUILESS_MAIN(TestFormatRegistry)
#include "tst_formatregistry.moc"
