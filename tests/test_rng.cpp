#include "common/rng.h"

#include <QtTest>

#include <algorithm>
#include <numeric>
#include <vector>

class TestRng : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameSequence()
    {
        np::Rng a(42), b(42), c(43);
        bool differs = false;
        for (int i = 0; i < 1000; ++i) {
            const auto x = a.nextU64();
            QCOMPARE(x, b.nextU64());
            differs |= x != c.nextU64();
        }
        QVERIFY(differs);
    }

    void stateRoundTripsExactly()
    {
        np::Rng a(7);
        for (int i = 0; i < 10; ++i)
            a.normal();
        np::Rng b(99);
        b.setState(a.state());
        for (int i = 0; i < 100; ++i)
            QCOMPARE(a.uniform(), b.uniform());
    }

    void uniformAndNormalMoments()
    {
        np::Rng rng(3);
        const int n = 200000;
        double sumU = 0, sumN = 0, sumN2 = 0;
        double minU = 1, maxU = 0;
        for (int i = 0; i < n; ++i) {
            const double u = rng.uniform();
            minU = std::min(minU, u);
            maxU = std::max(maxU, u);
            sumU += u;
            const double z = rng.normal();
            sumN += z;
            sumN2 += z * z;
        }
        QVERIFY(minU >= 0.0 && maxU < 1.0);
        QVERIFY(std::abs(sumU / n - 0.5) < 0.005);
        QVERIFY(std::abs(sumN / n) < 0.01);
        QVERIFY(std::abs(sumN2 / n - 1.0) < 0.02);
    }

    void belowIsInRangeAndCoversIt()
    {
        np::Rng rng(5);
        std::vector<int> counts(7, 0);
        for (int i = 0; i < 70000; ++i) {
            const auto k = rng.below(7);
            QVERIFY(k < 7);
            ++counts[k];
        }
        for (int c : counts)
            QVERIFY(c > 9000 && c < 11000);
    }

    void shuffleIsAPermutation()
    {
        np::Rng rng(11);
        std::vector<int> v(100);
        std::iota(v.begin(), v.end(), 0);
        rng.shuffle(std::span<int>(v));
        QVERIFY(!std::is_sorted(v.begin(), v.end()));
        std::sort(v.begin(), v.end());
        for (int i = 0; i < 100; ++i)
            QCOMPARE(v[i], i);
    }
};

QTEST_APPLESS_MAIN(TestRng)
#include "test_rng.moc"
