// The thread pool the evaluator shares its grid work with: every index runs once, cancellation
// stops it between indices, and grid work on it is the same bits as on one thread.

#include "analysis/gridevaluation.h"
#include "analysis/regions.h"
#include "common/threadpool.h"
#include "data/generators.h"
#include "training/trainer.h"

#include <QtTest>

#include <atomic>
#include <mutex>
#include <set>

using namespace np;

namespace {

// A trained model, so the weights are not symmetric and the regions are many.
Model trainedModel(std::vector<LayerSpec> hidden, OutputHead head, Loss loss, int classes)
{
    Config c = defaultConfig();
    c.data.classes = classes;
    c.network.hidden = std::move(hidden);
    c.network.head = head;
    c.network.loss = loss;
    c.features = {Feature::X1, Feature::X2, Feature::X1X2};
    c.standardize = true;
    Trainer t;
    if (t.reset(c, generateDataset(c.data)) != std::string())
        qFatal("the config was refused");
    t.train(200);
    return t.model();
}

bool sameBits(const Matrix<Scalar> &a, const Matrix<Scalar> &b)
{
    return a.rows() == b.rows() && a.cols() == b.cols()
           && std::memcmp(a.data(), b.data(), sizeof(Scalar) * std::size_t(a.size())) == 0;
}

}  // namespace

class TestThreadPool : public QObject
{
    Q_OBJECT

private slots:
    void leavesTheCallerAndTheTrainerACoreEach()
    {
        QCOMPARE(ThreadPool::defaultHelpers(1), 0);
        QCOMPARE(ThreadPool::defaultHelpers(2), 0);
        QCOMPARE(ThreadPool::defaultHelpers(4), 2);
        QCOMPARE(ThreadPool::defaultHelpers(16), 14);
        QCOMPARE(ThreadPool(3).workers(), 4);
        QCOMPARE(ThreadPool(0).workers(), 1);
    }

    void everyIndexRunsOnceOnSomeWorker()
    {
        ThreadPool pool(3);
        for (int round = 0; round < 20; ++round) {  // the same threads, loop after loop
            const int count = 1 + round * 13;
            std::vector<std::atomic<int>> runs(static_cast<std::size_t>(count));
            std::mutex mutex;
            std::set<int> workers;
            QVERIFY(pool.run(count, [&](int worker, int index) {
                runs[std::size_t(index)].fetch_add(1);
                const std::lock_guard lock(mutex);
                workers.insert(worker);
            }));
            for (const std::atomic<int> &r : runs)
                QCOMPARE(r.load(), 1);
            QVERIFY(*workers.begin() >= 0);
            QVERIFY(*workers.rbegin() < pool.workers());
        }
    }

    void cancellingStopsHandingOutIndices()
    {
        ThreadPool pool(2);
        std::atomic<int> started{0};
        const bool finished = pool.run(1000, [&](int, int) { started.fetch_add(1); },
                                       [&] { return started.load() >= 10; });
        QVERIFY(!finished);
        // At most one index per worker starts after the check turned true.
        QVERIFY2(started.load() >= 10 && started.load() < 10 + pool.workers(), qPrintable(QString::number(started)));
        // The next loop runs whole again.
        std::atomic<int> all{0};
        QVERIFY(pool.run(50, [&](int, int) { all.fetch_add(1); }));
        QCOMPARE(all.load(), 50);
    }

    void gridOnThePoolIsTheSameBits_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("8 x 64 ReLU") << 0;
        QTest::newRow("tanh and maxout, softmax") << 1;
    }

    void gridOnThePoolIsTheSameBits()
    {
        QFETCH(int, kind);
        const Model model = kind == 0
                                ? trainedModel(std::vector<LayerSpec>(8, LayerSpec{64, Activation::ReLU}),
                                               OutputHead::Sigmoid, Loss::BinaryCrossEntropy, 2)
                                : trainedModel({LayerSpec{7, Activation::Tanh}, LayerSpec{5, Activation::Maxout, 0.0, 2}},
                                               OutputHead::Softmax, Loss::CategoricalCrossEntropy, 3);
        const GridSpec grid{-5, 7, -6, 4, 101, 67};  // chunks that do not end on rows
        GridEvaluator serial;
        serial.setModel(model);
        GridEvaluation expected;
        QVERIFY(serial.evaluate(grid, true, expected));

        ThreadPool pool(3);
        GridEvaluator shared(&pool);
        shared.setModel(model);
        GridEvaluation result;
        QVERIFY(shared.evaluate(grid, true, result));
        QVERIFY(sameBits(result.output, expected.output));
        QCOMPARE(result.hidden.size(), expected.hidden.size());
        for (std::size_t l = 0; l < expected.hidden.size(); ++l)
            QVERIFY(sameBits(result.hidden[l], expected.hidden[l]));
    }

    void regionsOnThePoolAreTheSame()
    {
        const Model model = trainedModel(std::vector<LayerSpec>(4, LayerSpec{16, Activation::ReLU}),
                                         OutputHead::Sigmoid, Loss::BinaryCrossEntropy, 2);
        const GridSpec grid{-6, 6, -6, 6, 96, 96};
        const RegionMap expected = computeRegions(model, grid);
        ThreadPool pool(3);
        const RegionMap result = computeRegions(model, grid, &pool);
        QCOMPARE(result.countByLayer, expected.countByLayer);
        QVERIFY(result.regionByLayer == expected.regionByLayer);
        QVERIFY(expected.count() > 10);  // a real test: many regions
    }

    void cancelledGridWorkStopsBetweenChunks()
    {
        const Model model = trainedModel({LayerSpec{8, Activation::ReLU}}, OutputHead::Sigmoid,
                                         Loss::BinaryCrossEntropy, 2);
        const GridSpec grid{-6, 6, -6, 6, 256, 256};  // 128 chunks
        for (ThreadPool *pool : {static_cast<ThreadPool *>(nullptr), new ThreadPool(2)}) {
            std::atomic<int> asked = 0;  // the workers ask at once (tsan: a plain int raced)
            const ThreadPool::Cancel cancel = [&] { return ++asked > 3; };
            GridEvaluator evaluator(pool);
            evaluator.setModel(model);
            GridEvaluation out;
            QVERIFY(!evaluator.evaluate(grid, false, out, cancel));
            QVERIFY2(asked < 10, qPrintable(QString::number(asked.load())));
            asked = 0;
            QVERIFY(computeRegions(model, grid, pool, cancel).regionByLayer.empty());
            delete pool;
        }
    }
};

QTEST_GUILESS_MAIN(TestThreadPool)
#include "test_threadpool.moc"
