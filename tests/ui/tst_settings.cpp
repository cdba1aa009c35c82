#include "ui/settings.h"

#include <QTemporaryDir>
#include <QTest>

using ms::ui::Settings;

class TestSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void defaults()
    {
        Settings s(m_dir.filePath("defaults.ini"));
        QCOMPARE(s.annotator(), QString());
        QCOMPARE(s.recentProjects(), QStringList());
        QVERIFY(!s.lastFolder().isEmpty());
    }

    void persistsAcrossInstances()
    {
        const QString ini = m_dir.filePath("persist.ini");
        {
            Settings s(ini);
            s.setAnnotator("  alice  ");
            s.setLastFolder("/data/films");
        }
        Settings s(ini);
        QCOMPARE(s.annotator(), QStringLiteral("alice"));
        QCOMPARE(s.lastFolder(), QStringLiteral("/data/films"));
    }

    void recentProjectsMostRecentFirstWithoutDuplicates()
    {
        Settings s(m_dir.filePath("recent.ini"));
        for (int i = 0; i < Settings::kMaxRecentProjects + 3; ++i)
            s.addRecentProject(m_dir.filePath(QString("p%1.msproj").arg(i)));
        QCOMPARE(s.recentProjects().size(), Settings::kMaxRecentProjects);
        s.addRecentProject(m_dir.filePath("p5.msproj"));
        const QStringList l = s.recentProjects();
        QCOMPARE(l.size(), Settings::kMaxRecentProjects);
        QVERIFY(l.first().endsWith("p5.msproj"));
        QCOMPARE(l.count(m_dir.filePath("p5.msproj")), 1);
        s.removeRecentProject(m_dir.filePath("p5.msproj"));
        QVERIFY(!s.recentProjects().contains(m_dir.filePath("p5.msproj")));
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
