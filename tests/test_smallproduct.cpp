// The small matrix product behind every layer (affine, outer, transposedTimes) against plain
// Eigen, on the shapes where its blocking has edges: 1-3 output rows, rows that leave a partial
// packet, batches over 256 (the padded-copy limit), odd sizes, and the scalar fallback.

#include "common/smallproduct.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace np;

/// W is m x d, a is d x n.
struct Shape
{
    Index m = 0, d = 0, n = 0;
};
Q_DECLARE_METATYPE(Shape)

namespace {

constexpr Index kFloatPacket = Eigen::internal::packet_traits<float>::size;
constexpr Index kDoublePacket = Eigen::internal::packet_traits<double>::size;

/// Whole numbers in [-3, 3]: every partial sum of a product of these is a whole number far below
/// 2^24, exact in float in any order of summation, so the product must equal Eigen's to the bit.
template <typename T>
Matrix<T> wholeNumbers(Index rows, Index cols, std::mt19937 &gen)
{
    std::uniform_int_distribution<int> pick(-3, 3);
    Matrix<T> m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = T(pick(gen));
    return m;
}

template <typename T>
Matrix<T> reals(Index rows, Index cols, std::mt19937 &gen)
{
    std::uniform_real_distribution<double> pick(-1.0, 1.0);
    Matrix<T> m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = T(pick(gen));
    return m;
}

/// A layer's W (m x d) and b, and a batch a (d x n), of real numbers in [-1, 1].
struct RealLayer
{
    Matrix<float> W;
    Vector<float> b;
    Matrix<float> a;
};

RealLayer realLayer(const Shape &shape, unsigned seed)
{
    std::mt19937 gen(seed);
    RealLayer layer;
    layer.W = reals<float>(shape.m, shape.d, gen);
    layer.b = reals<float>(shape.m, 1, gen);
    layer.a = reals<float>(shape.d, shape.n, gen);
    return layer;
}

/// The first entry where got and expected differ, or an empty string when they are identical.
template <typename T>
QString firstDifference(const Matrix<T> &got, const Matrix<T> &expected)
{
    if (got.rows() != expected.rows() || got.cols() != expected.cols())
        return QString("shape %1 x %2, expected %3 x %4")
            .arg(got.rows()).arg(got.cols()).arg(expected.rows()).arg(expected.cols());
    for (Index c = 0; c < got.cols(); ++c) {
        for (Index r = 0; r < got.rows(); ++r) {
            if (got(r, c) != expected(r, c))
                return QString("(%1, %2): %3, expected %4").arg(r).arg(c).arg(double(got(r, c)), 0, 'g', 17)
                    .arg(double(expected(r, c)), 0, 'g', 17);
        }
    }
    return {};
}

/// The three products on whole numbers, each compared with Eigen to the bit.
template <typename T>
void checkExact(Index m, Index d, Index n)
{
    std::mt19937 gen(static_cast<unsigned>(m * 1000003 + d * 1009 + n));
    const Matrix<T> W = wholeNumbers<T>(m, d, gen);       // m x d
    const Vector<T> b = wholeNumbers<T>(m, 1, gen);       // m
    const Matrix<T> a = wholeNumbers<T>(d, n, gen);       // d x n
    const Matrix<T> delta = wholeNumbers<T>(m, n, gen);   // m x n

    Matrix<T> z(m, n);
    affine(W, a, b.data(), z);
    Matrix<T> expectedZ = W * a;
    expectedZ.colwise() += b;
    QString difference = firstDifference(z, expectedZ);
    QVERIFY2(difference.isEmpty(), qPrintable("W a + b " + difference));

    affine(W, a, nullptr, z);
    difference = firstDifference(z, Matrix<T>(W * a));
    QVERIFY2(difference.isEmpty(), qPrintable("W a " + difference));

    Matrix<T> dW(m, d);
    outer(delta, a, dW);
    difference = firstDifference(dW, Matrix<T>(delta * a.transpose()));
    QVERIFY2(difference.isEmpty(), qPrintable("delta a^T " + difference));

    Matrix<T> wT(d, m);
    Matrix<T> back(d, n);
    transposedTimes(W, delta, wT, back);
    difference = firstDifference(back, Matrix<T>(W.transpose() * delta));
    QVERIFY2(difference.isEmpty(), qPrintable("W^T delta " + difference));
}

/// Shapes (m output rows, depth d, n columns) that reach every branch of smallProduct for a
/// packet of P entries.
void addShapes(Index P)
{
    QTest::addColumn<Shape>("shape");
    auto add = [](const char *why, Index m, Index d, Index n) {
        QTest::addRow("%s (m %lld, d %lld, n %lld)", why, qlonglong(m), qlonglong(d), qlonglong(n))
            << Shape{m, d, n};
    };
    for (Index m : {1, 2, 3}) {
        add("few rows, one sample", m, 2, 1);
        add("few rows, odd batch", m, 5, 7);
        add("few rows, batch 10", m, 8, 10);
        add("few rows, batch over 256", m, 8, 300);
        add("few rows, shallow, batch 10", m, 3, 10);
        add("few rows, depth not a multiple of 8", m, 11, 21);
        add("few rows, deep input", m, 257, 3);
    }
    add("one packet", P, 3, 9);
    add("a packet and one row", P + 1, 7, 11);
    add("two packets", 2 * P, 16, 10);
    add("two packets and a partial one", 2 * P + 3, 9, 13);
    add("four packets", 4 * P, 4, 10);
    add("four packets and a partial one", 4 * P + 5, 6, 17);
    add("odd everything", 37, 29, 31);
    add("deepest padded copy", 3, 256, 5);
    add("one past the padded copy", P + 3, 257, 5);
    add("wide layer, batch over 256", 4 * P + 1, 3, 257);
    add("scalar path: partial rows, batch over 256", P + 2, 5, 260);
}

}  // namespace

class TestSmallProduct : public QObject
{
    Q_OBJECT

private slots:
    void equalsEigenInFloat_data() { addShapes(kFloatPacket); }
    void equalsEigenInFloat()
    {
        QFETCH(Shape, shape);
        checkExact<float>(shape.m, shape.d, shape.n);
    }

    void equalsEigenInDouble_data() { addShapes(kDoublePacket); }
    void equalsEigenInDouble()
    {
        QFETCH(Shape, shape);
        checkExact<double>(shape.m, shape.d, shape.n);
    }

    void realValuesAgreeWithEigen_data() { addShapes(kFloatPacket); }
    void realValuesAgreeWithEigen()
    {
        // On real numbers the order of summation may differ from Eigen's; the result must still
        // agree within float rounding of a d-term sum: |error| <= (d + 1) eps sum |W_rk a_kj|.
        QFETCH(Shape, shape);
        const auto [W, b, a] = realLayer(shape, 7);
        Matrix<float> z(shape.m, shape.n);
        affine(W, a, b.data(), z);

        const Matrix<double> Wd = W.cast<double>();
        const Matrix<double> ad = a.cast<double>();
        Matrix<double> exact = Wd * ad;
        exact.colwise() += b.cast<double>();
        Matrix<double> bound = Wd.cwiseAbs() * ad.cwiseAbs();
        bound.colwise() += b.cast<double>().cwiseAbs();
        bound *= double(shape.d + 1) * double(std::numeric_limits<float>::epsilon());
        const Matrix<double> error = (z.cast<double>() - exact).cwiseAbs();
        Index r = 0, c = 0;
        const double worst = (error - bound).maxCoeff(&r, &c);
        QVERIFY2(worst <= 0.0, qPrintable(QString("(%1, %2) is off by %3, allowed %4")
                                              .arg(r).arg(c).arg(error(r, c)).arg(bound(r, c))));
    }

    void aSampleGivesTheSameBitsInAnyBatch_data() { addShapes(kFloatPacket); }
    void aSampleGivesTheSameBitsInAnyBatch()
    {
        // What the network relies on: a point's output is the same whether it is evaluated alone
        // or as any column of a batch.
        QFETCH(Shape, shape);
        const auto [W, b, a] = realLayer(shape, 11);
        Matrix<float> batch(shape.m, shape.n);
        affine(W, a, b.data(), batch);
        Matrix<float> alone(shape.m, 1);
        for (Index j = 0; j < shape.n; ++j) {
            affine(W, a.col(j), b.data(), alone);
            const QString difference = firstDifference(alone, Matrix<float>(batch.col(j)));
            QVERIFY2(difference.isEmpty(), qPrintable(QString("column %1 ").arg(j) + difference));
        }
    }

    void worksThroughMaps()
    {
        // The network passes Maps of its flat buffers, not Matrix objects.
        std::vector<float> w = {1, 2, 3, 4, 5, 6};  // 3 x 2, column-major
        std::vector<float> a = {1, -1, 2, 0.5f};    // 2 x 2
        std::vector<float> bias = {0.5f, 0, -1};
        std::vector<float> z(6);
        affine(ConstMatrixMap<float>(w.data(), 3, 2), ConstMatrixMap<float>(a.data(), 2, 2), bias.data(),
               MatrixMap<float>(z.data(), 3, 2));
        // z = [1 4; 2 5; 3 6] [1 2; -1 0.5] + b = [-3 4; -3 6.5; -3 9] + b
        const std::vector<float> expected = {-2.5f, -3, -4, 4.5f, 6.5f, 8};
        QCOMPARE(z, expected);
    }
};

QTEST_APPLESS_MAIN(TestSmallProduct)
#include "test_smallproduct.moc"
