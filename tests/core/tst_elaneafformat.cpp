#include "../testsupport.h"
#include "core/error.h"
#include "core/formats/elaneafformat.h"
#include "core/formats/formatregistry.h"
#include "tests/core/formatfixtures.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace ms::core;
using ms::test::described;
using ms::test::record;

Q_DECLARE_METATYPE(ms::core::ImportRecord)

namespace {

// An ELAN document around the given time timeSlots and tiers, with ELAN's usual
// header; `header` goes inside HEADER.
QByteArray eaf(const QByteArray &timeSlots, const QByteArray &tiers,
               const QByteArray &header = "        <MEDIA_DESCRIPTOR "
                                          "MEDIA_URL=\"file:///home/ana/films/tt0108160.mp4\" "
                                          "MIME_TYPE=\"video/mp4\"/>\n")
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"2014-05-12T10:20:30+01:00\" FORMAT=\"2.7\" "
           "VERSION=\"2.7\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv2.7.xsd\">\n"
           "    <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n" +
           header +
           "    </HEADER>\n"
           "    <TIME_ORDER>\n" +
           timeSlots + "    </TIME_ORDER>\n" + tiers +
           "    <LINGUISTIC_TYPE GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"default-lt\" "
           "TIME_ALIGNABLE=\"true\"/>\n"
           "</ANNOTATION_DOCUMENT>\n";
}

QByteArray slot(const char *id, qint64 ms)
{
    return QByteArray("        <TIME_SLOT TIME_SLOT_ID=\"") + id + "\" TIME_VALUE=\"" +
           QByteArray::number(ms) + "\"/>\n";
}

QByteArray alignable(const char *id, const char *ts1, const char *ts2, const QByteArray &value)
{
    return QByteArray("        <ANNOTATION>\n            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"") +
           id + "\" TIME_SLOT_REF1=\"" + ts1 + "\" TIME_SLOT_REF2=\"" + ts2 +
           "\">\n                <ANNOTATION_VALUE>" + value +
           "</ANNOTATION_VALUE>\n            </ALIGNABLE_ANNOTATION>\n        </ANNOTATION>\n";
}

QByteArray reference(const char *id, const char *ref, const QByteArray &value,
                     const char *previous = nullptr)
{
    QByteArray prev = previous ? QByteArray(" PREVIOUS_ANNOTATION=\"") + previous + "\"" : "";
    return QByteArray("        <ANNOTATION>\n            <REF_ANNOTATION ANNOTATION_ID=\"") + id +
           "\" ANNOTATION_REF=\"" + ref + "\"" + prev + ">\n                <ANNOTATION_VALUE>" +
           value + "</ANNOTATION_VALUE>\n            </REF_ANNOTATION>\n        </ANNOTATION>\n";
}

QByteArray tier(const char *id, const QByteArray &annotations, const char *parent = nullptr)
{
    QByteArray p = parent ? QByteArray(" PARENT_REF=\"") + parent + "\"" : "";
    return QByteArray("    <TIER LINGUISTIC_TYPE_REF=\"default-lt\"") + p + " TIER_ID=\"" + id +
           "\">\n" + annotations + "    </TIER>\n";
}

} // namespace

class TestElanEafFormat : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) { return m_dir.filePath(name); }
    const AnnotationFormat &format() { return FormatRegistry::builtIn().format("eaf"); }

private slots:
    void registered()
    {
        const AnnotationFormat &f = format();
        QCOMPARE(f.id(), QStringLiteral("eaf"));
        QVERIFY(f.canWrite());
        QVERIFY(f.needsClipTimes());
        QVERIFY(FormatRegistry::builtIn().writers().contains(&f));
        QVERIFY(f.fileFilter().contains("*.eaf"));
    }

    void roundTripThroughRegistry_data()
    {
        QTest::addColumn<QList<ImportRecord>>("records");
        // Concepts in the order the tiers give them back: visual, audio,
        // textual, then the ones the taxonomy does not know.
        QTest::newRow("one film") << QList<ImportRecord>{
            record("tt1-001", "tt1", 0, 12000, Level::EasyNegative),
            record("tt1-002", "tt1", 12000, 20500, Level::HardNegative, {"Speech"}),
            record("tt1-003", "tt1", 21000, 30040, Level::Sure,
                   {"Body", "Exp of emotion", "Voice", "Narratology", "Own idea"}),
            record("tt1 <&> \"quoted\"", "tt1", 40000, 41000, std::nullopt, {}),
            record("tt1-005", "tt1", 41000, 50000, std::nullopt, {"Look"}),
        };
        QTest::newRow("two films") << QList<ImportRecord>{
            record("tt1-001", "tt1", 0, 12000, Level::Sure, {"Body", "Voice"}),
            record("tt1-002", "tt1", 15000, 16000, Level::EasyNegative),
            record("b-001", "tt 2/b", 500, 1500, Level::HardNegative, {"Posture"}),
            record("b-002", "tt 2/b", 1500, 9000, std::nullopt, {}),
        };
        QTest::newRow("no clip") << QList<ImportRecord>{};
    }
    void roundTripThroughRegistry()
    {
        QFETCH(QList<ImportRecord>, records);
        const QString file = path("round.eaf");
        const QByteArray bytes = format().write(records);
        ms::test::writeFile(file, bytes);
        const ImportedTable table = format().import(file);
        QCOMPARE(described(table.records), described(records));
        QCOMPARE(table.annotator, QStringLiteral("elan"));
        QCOMPARE(table.source, QStringLiteral("import:eaf:round.eaf"));
        for (const ImportRecord &r : table.records)
            QVERIFY(r.hasTimes);
        // Same records, same bytes: exports can be compared.
        QCOMPARE(format().write(table.records), bytes);
    }

    // What ELAN needs to open the file: EAF 3.0, the parts in the schema's
    // order, every referenced id declared.
    void writesEaf30AsElanDoes()
    {
        const QByteArray bytes = format().write(
            {record("tt1-001", "tt1", 0, 1000, Level::Sure, {"Body", "Look", "Voice"}),
             record("tt1-002", "tt1", 1000, 2000, Level::EasyNegative)});
        QXmlStreamReader xml(bytes);
        QStringList topLevel;
        QStringList slotIds, annotationIds, tierIds, typeIds, cvIds, stereotypes;
        QStringList refs, parentRefs, typeRefs, cvRefs, slotRefs;
        int depth = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isEndElement())
                --depth;
            if (!xml.isStartElement())
                continue;
            ++depth;
            const auto a = xml.attributes();
            const QString n = xml.name().toString();
            if (depth == 1) {
                QCOMPARE(n, QStringLiteral("ANNOTATION_DOCUMENT"));
                QCOMPARE(a.value("VERSION").toString(), QStringLiteral("3.0"));
                QCOMPARE(a.value("FORMAT").toString(), QStringLiteral("3.0"));
                QVERIFY(!a.value("DATE").isEmpty());
                QVERIFY(a.hasAttribute("AUTHOR"));
            }
            if (depth == 2 && (topLevel.isEmpty() || topLevel.last() != n))
                topLevel.append(n);
            if (n == u"MEDIA_DESCRIPTOR") {
                QCOMPARE(a.value("MEDIA_URL").toString(), QStringLiteral("file:///tt1"));
                QVERIFY(!a.value("MIME_TYPE").isEmpty());
            }
            if (n == u"TIME_SLOT")
                slotIds.append(a.value("TIME_SLOT_ID").toString());
            if (n == u"TIER") {
                tierIds.append(a.value("TIER_ID").toString());
                typeRefs.append(a.value("LINGUISTIC_TYPE_REF").toString());
                if (a.hasAttribute("PARENT_REF"))
                    parentRefs.append(a.value("PARENT_REF").toString());
            }
            if (n == u"ALIGNABLE_ANNOTATION") {
                annotationIds.append(a.value("ANNOTATION_ID").toString());
                slotRefs << a.value("TIME_SLOT_REF1").toString()
                         << a.value("TIME_SLOT_REF2").toString();
            }
            if (n == u"REF_ANNOTATION") {
                annotationIds.append(a.value("ANNOTATION_ID").toString());
                refs.append(a.value("ANNOTATION_REF").toString());
                if (a.hasAttribute("PREVIOUS_ANNOTATION"))
                    refs.append(a.value("PREVIOUS_ANNOTATION").toString());
            }
            if (n == u"LINGUISTIC_TYPE") {
                typeIds.append(a.value("LINGUISTIC_TYPE_ID").toString());
                if (a.hasAttribute("CONTROLLED_VOCABULARY_REF"))
                    cvRefs.append(a.value("CONTROLLED_VOCABULARY_REF").toString());
                if (a.hasAttribute("CONSTRAINTS"))
                    stereotypes.append(a.value("CONSTRAINTS").toString());
            }
            if (n == u"CONSTRAINT")
                stereotypes.removeAll(a.value("STEREOTYPE").toString());
            if (n == u"CONTROLLED_VOCABULARY")
                cvIds.append(a.value("CV_ID").toString());
            if (n == u"CVE_VALUE")
                QCOMPARE(a.value("LANG_REF").toString(), QStringLiteral("und"));
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(topLevel, (QStringList{"HEADER", "TIME_ORDER", "TIER", "LINGUISTIC_TYPE",
                                        "LANGUAGE", "CONSTRAINT", "CONTROLLED_VOCABULARY"}));
        QCOMPARE(tierIds, (QStringList{"clips", "level", "concepts-visual", "concepts-audio",
                                       "concepts-textual"}));
        QCOMPARE(slotIds.size(), 4);
        QCOMPARE(annotationIds.size(), 2 + 2 + 3);
        QCOMPARE(QSet<QString>(annotationIds.begin(), annotationIds.end()).size(),
                 annotationIds.size());
        for (const QString &r : refs)
            QVERIFY2(annotationIds.contains(r), qPrintable(r));
        for (const QString &r : slotRefs)
            QVERIFY2(slotIds.contains(r), qPrintable(r));
        for (const QString &p : parentRefs)
            QVERIFY2(tierIds.contains(p), qPrintable(p));
        for (const QString &t : typeRefs)
            QVERIFY2(typeIds.contains(t), qPrintable(t));
        for (const QString &c : cvRefs)
            QVERIFY2(cvIds.contains(c), qPrintable(c));
        QVERIFY2(stereotypes.isEmpty(), qPrintable(stereotypes.join(',')));
        QVERIFY(bytes.contains("<PROPERTY NAME=\"lastUsedAnnotationId\">7</PROPERTY>"));
        QVERIFY(bytes.contains("DESCRIPTION=\"Hard Negative\""));
    }

    void conceptsComeBackGroupedByModality()
    {
        const QByteArray bytes =
            format().write({record("c", "tt1", 0, 1000, Level::Sure, {"Mine", "Voice", "Body"})});
        const auto back = ElanEafFormat::parse(bytes, "t.eaf");
        QCOMPARE(back.size(), 1);
        QCOMPARE(back[0].concepts, (QStringList{"Body", "Voice", "Mine"}));
    }

    void writerRefusesWhatElanCannotHold_data()
    {
        QTest::addColumn<QList<ImportRecord>>("records");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no times") << QList<ImportRecord>{record("a", "tt1", 0, 10, std::nullopt),
                                                         record("tt1-009", "tt1", std::nullopt,
                                                                std::nullopt, Level::Sure)}
                                  << "1 clip(s) have no times ('tt1-009')";
        QTest::newRow("overlap") << QList<ImportRecord>{record("a", "tt1", 0, 10, std::nullopt),
                                                        record("b", "tt1", 5, 20, std::nullopt)}
                                 << "clips 'a' and 'b' of film 'tt1' overlap";
        QTest::newRow("empty") << QList<ImportRecord>{record("a", "tt1", 10, 10, std::nullopt)}
                               << "clip 'a' ends at 10 ms, not after its start at 10 ms";
        QTest::newRow("separator in a concept")
            << QList<ImportRecord>{record("a", "tt1", 0, 10, Level::Sure, {"Speech, quoted"})}
            << "concept 'Speech, quoted' of clip 'a' holds ';' or ','";
    }
    void writerRefusesWhatElanCannotHold()
    {
        QFETCH(QList<ImportRecord>, records);
        QFETCH(QString, expected);
        try {
            format().write(records);
            QFAIL("written");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        }
    }

    // As ELAN saves it: a transcription tier (ignored), clips with one name
    // left empty, a symbolic-association level tier, a time-subdivision tier
    // of visual concepts whose inner timeSlots are unaligned, and a subdivision
    // of audio concepts under the level tier (a chain of references).
    void handWrittenElanFile()
    {
        const QByteArray timeSlots = slot("ts1", 0) + slot("ts2", 1200) +
                                     "        <TIME_SLOT TIME_SLOT_ID=\"ts3\"/>\n"
                                     "        <TIME_SLOT TIME_SLOT_ID=\"ts4\"/>\n" +
                                     slot("ts5", 4000) + slot("ts6", 4000) + slot("ts7", 9000) +
                                     slot("ts8", 9500) + slot("ts9", 12000);
        const QByteArray tiers =
            tier("default", alignable("a1", "ts1", "ts9", "what they say")) +
            tier("Clips", alignable("a2", "ts2", "ts5", " tt0108160-a ") +
                              alignable("a3", "ts6", "ts7", "") +
                              alignable("a4", "ts8", "ts9", "tt0108160-c")) +
            tier("level",
                 reference("a5", "a2", "Sure") + reference("a6", "a3", "easy neg") +
                     reference("a7", "a4", ""),
                 "Clips") +
            tier("visual",
                 alignable("a8", "ts2", "ts3", "Body") + alignable("a9", "ts3", "ts4", "") +
                     alignable("a10", "ts4", "ts5", "Look ; Posture,Body"),
                 "Clips") +
            tier("concepts-audio",
                 reference("a11", "a5", "Voice") + reference("a12", "a5", "Soundtrack", "a11"),
                 "level") +
            tier("concepts", reference("a13", "a4", "My  own"), "Clips");
        const QByteArray header =
            "        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///C:/Films/tt0108160.mp4\" "
            "MIME_TYPE=\"video/mp4\" RELATIVE_MEDIA_URL=\"./tt0108160.mp4\"/>\n"
            "        <MEDIA_DESCRIPTOR EXTRACTED_FROM=\"file:///C:/Films/tt0108160.mp4\" "
            "MEDIA_URL=\"file:///C:/Films/audio.wav\" MIME_TYPE=\"audio/x-wav\"/>\n"
            "        <PROPERTY NAME=\"URN\">urn:nl-mpi-tools-elan-eaf:1234</PROPERTY>\n"
            "        <PROPERTY NAME=\"lastUsedAnnotationId\">13</PROPERTY>\n";
        const QString file = path("ana.eaf");
        ms::test::writeFile(file, eaf(timeSlots, tiers, header));
        const ImportedTable table = format().import(file);
        QCOMPARE(
            described(table.records),
            (QStringList{"tt0108160-a of tt0108160, timed 1200-4000, S [Body|Look|Posture|Voice|"
                         "Soundtrack]",
                         "tt0108160-002 of tt0108160, timed 4000-9000, EN []",
                         "tt0108160-c of tt0108160, timed 9500-12000, unannotated [My own]"}));
        QCOMPARE(table.records[0].sourceLabel, QStringLiteral("Sure"));
        QCOMPARE(table.records[1].sourceLabel, QStringLiteral("easy neg"));
        const QByteArray written = eaf(timeSlots, tiers, header);
        QCOMPARE(table.records[0].line, written.left(written.indexOf("\"a2\"")).count('\n') + 1);
    }

    // What ELAN 3.0 adds (licence, locales, languages, external references,
    // CVE_REF on values, LANG_REF on tiers) is read past; an Included_In
    // level tier aligned on the clips' own slots finds its clips by time.
    void elan30ExtrasReadPast()
    {
        const QByteArray doc =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<ANNOTATION_DOCUMENT AUTHOR=\"ana\" DATE=\"2023-01-02T03:04:05+01:00\" "
            "FORMAT=\"3.0\" VERSION=\"3.0\">\n"
            "<LICENSE LICENSE_URL=\"https://creativecommons.org/licenses/by/4.0/\">CC "
            "BY</LICENSE>\n"
            "<HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n"
            "<MEDIA_DESCRIPTOR MEDIA_URL=\"file:///films/tt3.mkv\" MIME_TYPE=\"video/*\"/>\n"
            "<LINKED_FILE_DESCRIPTOR LINK_URL=\"file:///films/tt3.csv\" "
            "MIME_TYPE=\"text/plain\"/>\n"
            "</HEADER>\n"
            "<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"0\"/>"
            "<TIME_SLOT TIME_SLOT_ID=\"ts2\" TIME_VALUE=\"800\"/></TIME_ORDER>\n"
            "<TIER LINGUISTIC_TYPE_REF=\"seg\" TIER_ID=\"clips\" LANG_REF=\"und\">"
            "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" "
            "TIME_SLOT_REF2=\"ts2\" EXT_REF=\"er1\"><ANNOTATION_VALUE>k</ANNOTATION_VALUE>"
            "</ALIGNABLE_ANNOTATION></ANNOTATION></TIER>\n"
            "<TIER LINGUISTIC_TYPE_REF=\"inc\" PARENT_REF=\"clips\" TIER_ID=\"level\">"
            "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a2\" TIME_SLOT_REF1=\"ts1\" "
            "TIME_SLOT_REF2=\"ts2\" CVE_REF=\"cve_s\"><ANNOTATION_VALUE>Sure</ANNOTATION_VALUE>"
            "</ALIGNABLE_ANNOTATION></ANNOTATION></TIER>\n"
            "<LINGUISTIC_TYPE GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"seg\" "
            "TIME_ALIGNABLE=\"true\"/>\n"
            "<LINGUISTIC_TYPE CONSTRAINTS=\"Included_In\" CONTROLLED_VOCABULARY_REF=\"lv\" "
            "GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"inc\" TIME_ALIGNABLE=\"true\"/>\n"
            "<LOCALE COUNTRY_CODE=\"FR\" LANGUAGE_CODE=\"fr\"/>\n"
            "<LANGUAGE LANG_DEF=\"http://cdb.iso.org/lg/CDB-00130975-001\" LANG_ID=\"und\"/>\n"
            "<CONSTRAINT DESCRIPTION=\"x\" STEREOTYPE=\"Included_In\"/>\n"
            "<CONTROLLED_VOCABULARY CV_ID=\"lv\"><DESCRIPTION LANG_REF=\"und\"/>"
            "<CV_ENTRY_ML CVE_ID=\"cve_s\"><CVE_VALUE DESCRIPTION=\"\" LANG_REF=\"und\">Sure"
            "</CVE_VALUE></CV_ENTRY_ML></CONTROLLED_VOCABULARY>\n"
            "<EXTERNAL_REF EXT_REF_ID=\"er1\" TYPE=\"resource_url\" VALUE=\"https://x\"/>\n"
            "</ANNOTATION_DOCUMENT>\n";
        QCOMPARE(described(ElanEafFormat::parse(doc, "x.eaf")),
                 QStringList{"k of tt3, timed 0-800, S []"});
    }

    void levelTierAloneMakesTheClips_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("tierName");
        QTest::addColumn<QString>("movieOption");
        QTest::addColumn<QString>("film");
        QTest::newRow("media") << QByteArray("        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///x/"
                                             "my%20film.mov\" MIME_TYPE=\"video/quicktime\"/>\n")
                               << "Objectification"
                               << ""
                               << "my film";
        QTest::newRow("property wins")
            << QByteArray("        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///x/a.mp4\" "
                          "MIME_TYPE=\"video/mp4\"/>\n"
                          "        <PROPERTY NAME=\"modalscope:movie\">tt42</PROPERTY>\n")
            << "level"
            << ""
            << "tt42";
        QTest::newRow("tier suffix") << QByteArray() << "level@tt7"
                                     << ""
                                     << "tt7";
        QTest::newRow("option") << QByteArray("        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///x/"
                                              "a.mp4\" MIME_TYPE=\"video/mp4\"/>\n")
                                << "LEVEL"
                                << "tt9"
                                << "tt9";
    }
    void levelTierAloneMakesTheClips()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, tierName);
        QFETCH(QString, movieOption);
        QFETCH(QString, film);
        const QByteArray doc =
            eaf(slot("ts1", 100) + slot("ts2", 900) + slot("ts3", 2000) + slot("ts4", 2500),
                tier(tierName.toUtf8().constData(),
                     alignable("a1", "ts3", "ts4", "HN") + alignable("a2", "ts1", "ts2", "S"))) +
            "";
        QByteArray withHeader = doc;
        withHeader.replace("        <MEDIA_DESCRIPTOR MEDIA_URL=\"file:///home/ana/films/"
                           "tt0108160.mp4\" MIME_TYPE=\"video/mp4\"/>\n",
                           header);
        ElanEafFormat::ReadOptions options;
        options.movieId = movieOption;
        const auto records = ElanEafFormat::parse(withHeader, "l.eaf", options);
        QCOMPARE(described(records),
                 (QStringList{QStringLiteral("%1-001 of %1, timed 100-900, S []").arg(film),
                              QStringLiteral("%1-002 of %1, timed 2000-2500, HN []").arg(film)}));
    }

    void tierRolesGivenByTheUser()
    {
        const QByteArray doc =
            eaf(slot("ts1", 0) + slot("ts2", 1000),
                tier("Segments of Ana", alignable("a1", "ts1", "ts2", "x-1")) +
                    tier("Ana's labels", reference("a2", "a1", "HN"), "Segments of Ana") +
                    tier("A", reference("a3", "a1", "Voice"), "Segments of Ana"));
        try {
            ElanEafFormat::parse(doc, "u.eaf");
            QFAIL("a file without a known tier was read");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains("u.eaf: no tier is named clips, level or concepts (its "
                                          "tiers: 'Segments of Ana', 'Ana's labels', 'A')"),
                     qPrintable(e.message()));
        }
        ElanEafFormat::ReadOptions options;
        options.tierRoles = {{"Segments of Ana", ElanEafFormat::TierRole::Clips},
                             {"Ana's labels", ElanEafFormat::TierRole::Level},
                             {"A", ElanEafFormat::TierRole::Concepts}};
        QCOMPARE(described(ElanEafFormat::parse(doc, "u.eaf", options)),
                 QStringList{"x-1 of tt0108160, timed 0-1000, HN [Voice]"});
    }

    // What the import dialog shows for mapping: every tier, its parent, its
    // convention role, its count and its distinct values.
    void tiersAreListedForMapping()
    {
        const QByteArray doc =
            eaf(slot("ts1", 0) + slot("ts2", 1000) + slot("ts3", 2000),
                tier("Segments", alignable("a1", "ts1", "ts2", "x-1") +
                                     alignable("a2", "ts2", "ts3", "x-2")) +
                    tier("Rating", reference("a3", "a1", "yes") + reference("a4", "a2", " yes ") +
                                       reference("a5", "a2", ""),
                         "Segments") +
                    tier("concepts-visual", reference("a6", "a1", "Body"), "Segments"));
        const QList<FormatPart> parts = ElanEafFormat::tiers(doc, "t.eaf");
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts[0].id, QStringLiteral("Segments"));
        QCOMPARE(parts[0].role, QStringLiteral("clips"));
        QVERIFY(parts[0].parent.isEmpty());
        QVERIFY(parts[0].timeAligned);
        QCOMPARE(parts[0].annotations, 2);
        QCOMPARE(parts[0].values, (QStringList{"x-1", "x-2"}));
        QCOMPARE(parts[1].role, QStringLiteral("ignore"));
        QCOMPARE(parts[1].parent, QStringLiteral("Segments"));
        QVERIFY(!parts[1].timeAligned);
        QCOMPARE(parts[1].annotations, 3);
        QCOMPARE(parts[1].values, QStringList{"yes"}); // distinct, blank left out
        QCOMPARE(parts[2].role, QStringLiteral("concepts"));
        // Through the registry, from a file; the roles are what "T=ROLE" takes.
        const QString file = path("t.eaf");
        ms::test::writeFile(file, doc);
        QCOMPARE(format().parts(file).size(), 3);
        QStringList roles;
        for (const FormatOption::Choice &c : format().partRoles())
            roles.append(c.value);
        QCOMPARE(roles, (QStringList{"ignore", "clips", "level", "concepts"}));
        for (const QString &r : roles)
            QVERIFY(ElanEafFormat::readOptions({{"tier", "Rating=" + r}}).tierRoles.contains("Rating"));
        QVERIFY_THROWS_EXCEPTION(UserError, format().parts(path("none.eaf")));
        QVERIFY(FormatRegistry::builtIn().format("modalscope").parts(file).isEmpty());
    }

    // A level tier in the file's own words, given a meaning when importing.
    void levelWordsAreMapped()
    {
        const QByteArray doc =
            eaf(slot("ts1", 0) + slot("ts2", 1000) + slot("ts3", 2000),
                tier("clips", alignable("a1", "ts1", "ts2", "x-1") +
                                  alignable("a2", "ts2", "ts3", "x-2")) +
                    tier("Rating", reference("a3", "a1", "Yes") + reference("a4", "a2", "no"),
                         "clips"));
        const QString file = path("words.eaf");
        ms::test::writeFile(file, doc);
        try {
            format().import(file, {{"tier", "Rating=level"}});
            QFAIL("an unmapped word was read as a level");
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains("'Yes' on tier 'Rating' is no level") &&
                         e.message().contains("('Yes=S')"),
                     qPrintable(e.message()));
        }
        const auto records =
            format().import(file, {{"tier", "Rating=level"}, {"level-value", "yes=S\nNO=en"}})
                .records;
        QCOMPARE(described(records), (QStringList{"x-1 of tt0108160, timed 0-1000, S []",
                                                  "x-2 of tt0108160, timed 1000-2000, EN []"}));
        QCOMPARE(records[0].sourceLabel, QStringLiteral("Yes"));
        QVERIFY_THROWS_EXCEPTION(UserError, ElanEafFormat::readOptions({{"level-value", "yes=maybe"}}));
        QVERIFY_THROWS_EXCEPTION(UserError, ElanEafFormat::readOptions({{"level-value", "=S"}}));
    }

    // A file of a few MB as long ELAN sessions leave: thousands of clips, a
    // dependent level tier, a symbolic-subdivision concept tier (two per
    // clip, chained by PREVIOUS_ANNOTATION) and a time-subdivision tier of
    // words whose inner slots carry no time. Read whole, quickly.
    void aLargeFileWithDependentTiers()
    {
        const int clips = 4000;
        QByteArray times, clipTier, levels, concepts, words;
        for (int i = 0; i < clips; ++i) {
            const QByteArray n = QByteArray::number(i);
            const qint64 start = qint64(i) * 2000;
            times += slot("s" + n, start) + "        <TIME_SLOT TIME_SLOT_ID=\"u" + n + "\"/>\n" +
                     slot("e" + n, start + 1500);
            clipTier += alignable("c" + n, "s" + n, "e" + n, "clip-" + n);
            levels += reference("l" + n, "c" + n, i % 3 == 0 ? "S" : i % 3 == 1 ? "HN" : "EN");
            concepts += reference("v" + n, "c" + n, "Body") +
                        reference("w" + n, "c" + n, "Look", "v" + n);
            words += alignable("x" + n, "s" + n, "u" + n, "first words of a long line") +
                     alignable("y" + n, "u" + n, "e" + n, "and the rest of it");
        }
        const QByteArray doc = eaf(times, tier("clips", clipTier) + tier("level", levels, "clips") +
                                              tier("concepts-visual", concepts, "clips") +
                                              tier("words", words, "clips"));
        QVERIFY2(doc.size() > 2'000'000, QByteArray::number(doc.size()).constData());
        QElapsedTimer timer;
        timer.start();
        const QList<ImportRecord> records = ElanEafFormat::parse(doc, "big.eaf");
        qInfo("%d clips from %.1f MB in %lld ms", int(records.size()), doc.size() / 1e6,
              timer.elapsed());
        QCOMPARE(records.size(), clips);
        QCOMPARE(records[3999].clipId, QStringLiteral("clip-3999"));
        QCOMPARE(*records[3999].startMs, qint64(3999) * 2000);
        QCOMPARE(*records[3999].level, Level::Sure);
        QCOMPARE(records[1].concepts, (QStringList{"Body", "Look"}));
        QVERIFY2(timer.elapsed() < 10000, "a few MB should read in well under ten seconds");
        QCOMPARE(ElanEafFormat::tiers(doc, "big.eaf").size(), 4);
    }

    void roleByName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("role");
        using R = ElanEafFormat::TierRole;
        QTest::newRow("clips") << "clips" << int(R::Clips);
        QTest::newRow("Segments@tt1") << "Segments@tt1" << int(R::Clips);
        QTest::newRow("level") << " Level " << int(R::Level);
        QTest::newRow("objectification") << "objectification@x" << int(R::Level);
        QTest::newRow("concepts-visual") << "concepts-visual" << int(R::Concepts);
        QTest::newRow("textual") << "Textual" << int(R::Concepts);
        QTest::newRow("a speaker A") << "A" << int(R::Ignored);
        QTest::newRow("default") << "default" << int(R::Ignored);
    }
    void roleByName()
    {
        QFETCH(QString, name);
        QFETCH(int, role);
        QCOMPARE(int(ElanEafFormat::roleByName(name)), role);
    }

    void malformedInputRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray timeSlots = slot("ts1", 1000) + slot("ts2", 2000);
        const QByteArray good = alignable("a1", "ts1", "ts2", "c1");
        // With two time slots, eaf() puts the first annotation on line 12.
        QTest::newRow("empty") << QByteArray("  \n") << "bad.eaf: the file is empty";
        QTest::newRow("not xml") << QByteArray("clip,start\nx,1\n")
                                 << "bad.eaf: line 1: not well-formed XML";
        QTest::newRow("cut short") << eaf(timeSlots, tier("clips", good)).left(700)
                                   << "ends before its ELAN document does";
        QTest::newRow("mismatched tag")
            << QByteArray(eaf(timeSlots, tier("clips", good)).replace("</TIER>", "</TIRE>"))
            << "bad.eaf: line 16: not well-formed XML: Opening and ending tag mismatch";
        QTest::newRow("other xml") << QByteArray("<?xml version=\"1.0\"?>\n<html><body/></html>")
                                   << "bad.eaf: line 2: not an ELAN annotation file: the "
                                      "document is <html>";
        QTest::newRow("missing slot")
            << eaf(timeSlots, tier("clips", alignable("a1", "ts1", "ts9", "c1")))
            << "bad.eaf: line 12: annotation 'a1' of tier 'clips' refers to time slot 'ts9', "
               "which TIME_ORDER does not declare";
        QTest::newRow("end before start")
            << eaf(timeSlots, tier("clips", alignable("a1", "ts2", "ts1", "c1")))
            << "bad.eaf: line 12: annotation 'a1' of tier 'clips' ends (1000 ms) before it "
               "starts (2000 ms)";
        QTest::newRow("no duration")
            << eaf(slot("ts1", 1000) + slot("ts2", 1000),
                   tier("clips", alignable("a1", "ts1", "ts2", "c1")))
            << "bad.eaf: line 12: clip annotation 'a1' of tier 'clips' lasts no time";
        QTest::newRow("unknown level")
            << eaf(timeSlots, tier("clips", good) + tier("level", reference("a2", "a1", "Maybe")))
            << "bad.eaf: line 19: 'Maybe' on tier 'level' is no level; use EN, HN or S";
        QTest::newRow("time not a number")
            << eaf("        <TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"1.5s\"/>\n",
                   tier("clips", good))
            << "bad.eaf: line 7: time slot 'ts1' has the time '1.5s', not a number";
        QTest::newRow("unaligned clip")
            << eaf(slot("ts1", 0) + "        <TIME_SLOT TIME_SLOT_ID=\"ts2\"/>\n",
                   tier("clips", good))
            << "bad.eaf: line 12: clip annotation 'a1' of tier 'clips' has no time at time "
               "slot 'ts2' (unaligned)";
        QTest::newRow("dangling reference")
            << eaf(timeSlots, tier("clips", good) + tier("level", reference("a2", "a7", "S")))
            << "bad.eaf: line 19: annotation 'a2' of tier 'level' refers to annotation 'a7', "
               "which the file does not have";
        QTest::newRow("reference cycle")
            << eaf(timeSlots, tier("clips", good) + tier("level", reference("a2", "a3", "S") +
                                                                      reference("a3", "a2", "")))
            << "annotation 'a2' of tier 'level' refers back to itself";
        QTest::newRow("clips by reference")
            << eaf(timeSlots, tier("default", good) + tier("clips", reference("a2", "a1", "x")))
            << "bad.eaf: line 19: tier 'clips' holds reference annotations";
        QTest::newRow("concept outside clips")
            << eaf(slot("ts1", 0) + slot("ts2", 1000) + slot("ts3", 5000) + slot("ts4", 6000),
                   tier("clips", good) + tier("visual", alignable("a2", "ts3", "ts4", "Body")))
            << "annotation 'a2' of tier 'visual' (5000 ms to 6000 ms) lies in no clip of film "
               "'tt0108160'";
        QTest::newRow("concepts without clips")
            << eaf(timeSlots, tier("visual", good))
            << "tier 'visual' gives concepts for film 'tt0108160', which has no tier of clips";
        QTest::newRow("two levels")
            << eaf(timeSlots, tier("clips", good) + tier("level", reference("a2", "a1", "S")) +
                                  tier("objectification", alignable("a3", "ts1", "ts2", "EN")))
            << "a second level, EN, for the clip at 1000 ms to 2000 ms, which has S from line 19";
        QTest::newRow("two clips one name")
            << eaf(slot("ts1", 0) + slot("ts2", 1000) + slot("ts3", 5000),
                   tier("clips", alignable("a1", "ts1", "ts2", "same") +
                                     alignable("a2", "ts2", "ts3", "same")))
            << "a second clip is named 'same' (the first at line 13)";
        QTest::newRow("no film")
            << eaf(timeSlots, tier("clips", good), "")
            << "bad.eaf: line 9: tier 'clips' belongs to no film: the file links no media";
        QTest::newRow("seconds")
            << QByteArray(eaf(timeSlots, tier("clips", good)).replace("milliseconds", "seconds"))
            << "bad.eaf: line 3: the time units are 'seconds'";
        QTest::newRow("duplicate slot") << eaf(timeSlots + slot("ts1", 5), tier("clips", good))
                                        << "bad.eaf: line 9: time slot 'ts1' is declared twice "
                                           "(first at line 7)";
        QTest::newRow("duplicate annotation id")
            << eaf(timeSlots, tier("clips", good + good))
            << "bad.eaf: line 17: annotation id 'a1' is used twice (first at line 12)";
    }
    void malformedInputRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = path("bad.eaf");
        ms::test::writeFile(file, content);
        try {
            const auto records = format().import(file).records;
            QFAIL(qPrintable(QStringLiteral("read %1 clip(s)").arg(records.size())));
        } catch (const UserError &e) {
            QVERIFY2(e.message().startsWith(file + QStringLiteral(": ")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(expected.mid(expected.startsWith("bad.eaf") ? 9 : 0)),
                     qPrintable(e.message() + QStringLiteral("\n  expected: ") + expected));
        }
    }

    void missingFileNamed()
    {
        QVERIFY_THROWS_EXCEPTION(UserError, format().import(path("nowhere.eaf")));
        try {
            format().import(m_dir.path());
        } catch (const UserError &e) {
            QVERIFY2(e.message().contains("is a folder"), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestElanEafFormat)
#include "tst_elaneafformat.moc"
