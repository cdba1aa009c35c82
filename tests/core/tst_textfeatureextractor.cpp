#include "core/textfeatureextractor.h"

#include <QTest>
#include <cmath>

using namespace ms::core;
using T = TextFeatureExtractor;

class TestTextFeatureExtractor : public QObject
{
    Q_OBJECT

    static double norm(const std::vector<float> &v)
    {
        double s = 0;
        for (float x : v)
            s += double(x) * x;
        return std::sqrt(s);
    }
    static std::vector<float> vec(const QString &text)
    {
        std::vector<float> v(T::kDim);
        T::embed(text, v.data());
        return v;
    }

private slots:
    void termsAreWordsAndBigrams()
    {
        QCOMPARE(T::terms("Look at HER, she’s  here!"),
                 (QStringList{"look", "at", "her", "she's", "here", "look at", "at her", "her she's",
                              "she's here"}));
        QVERIFY(T::terms(" ... ").isEmpty());
    }

    void normalisedDeterministicAndCaseBlind()
    {
        const auto a = vec("Nice legs, darling");
        QVERIFY(std::abs(norm(a) - 1.0) < 1e-6);
        QCOMPARE(vec("nice LEGS darling"), a); // case and punctuation do not matter
        QVERIFY(vec("darling legs nice") != a); // bigrams keep some order
        QCOMPARE(norm(vec("!!!")), 0.0);
    }

    void repeatsCountLogarithmically()
    {
        // One term repeated: a single bucket with 1 + ln(3), normalised to 1.
        const auto v = vec("go go go");
        int nonzero = 0;
        for (float x : v)
            nonzero += x != 0.f;
        QVERIFY(nonzero <= 2); // "go" and the bigram "go go"
        QVERIFY(std::abs(norm(v) - 1.0) < 1e-6);
    }

    void tokenPerCue()
    {
        const auto m = T::extract({{1000, 2500, "Hello there"}, {3000, 4000, "General"}});
        QCOMPARE(m.tokens, 2);
        QCOMPARE(m.dim, T::kDim);
        QVERIFY(m.isValid());
        QCOMPARE(m.spans[1], (TokenSpan{3000, 4000}));
    }
};

QTEST_GUILESS_MAIN(TestTextFeatureExtractor)
#include "tst_textfeatureextractor.moc"
