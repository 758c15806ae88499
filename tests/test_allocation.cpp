// The training loop allocates no memory once running. Verified by counting every call of
// malloc and its relatives (operator new, std::vector and Eigen's aligned allocator all end
// there): this executable interposes glibc's allocation functions and forwards them to the
// __libc_ implementations. After a warm-up the count must stay exactly zero, across epoch ends,
// for every optimizer and layer option.

#include "analysis/gridevaluation.h"
#include "data/generators.h"
#include "training/trainer.h"

#include <QtTest>

#include <atomic>
#include <cstdlib>

extern "C" {
void *__libc_malloc(std::size_t);
void *__libc_calloc(std::size_t, std::size_t);
void *__libc_realloc(void *, std::size_t);
void *__libc_memalign(std::size_t, std::size_t);
void __libc_free(void *);
}

namespace {

std::atomic<long> g_allocations{0};

void count()
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

extern "C" {

void *malloc(std::size_t size)
{
    count();
    return __libc_malloc(size);
}

void *calloc(std::size_t n, std::size_t size)
{
    count();
    return __libc_calloc(n, size);
}

void *realloc(void *p, std::size_t size)
{
    count();
    return __libc_realloc(p, size);
}

void *memalign(std::size_t alignment, std::size_t size)
{
    count();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(std::size_t alignment, std::size_t size)
{
    count();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **out, std::size_t alignment, std::size_t size)
{
    count();
    *out = __libc_memalign(alignment, size);
    return *out ? 0 : 12;  // ENOMEM
}

void free(void *p)
{
    __libc_free(p);
}

}  // extern "C"

using namespace np;

class TestAllocation : public QObject
{
    Q_OBJECT

private slots:
    void counterSeesAllocations()
    {
        // The check of the check: the counter sees operator new and Eigen's allocator.
        long before = g_allocations.load();
        std::vector<float> v(1000);
        QVERIFY(g_allocations.load() > before);
        QCOMPARE(v.size(), std::size_t(1000));
        before = g_allocations.load();
        np::Matrix<float> m(64, 64);
        m.setZero();
        QVERIFY(g_allocations.load() > before);
    }

    void trainingStepsAllocateNothing_data()
    {
        QTest::addColumn<int>("optimizer");
        QTest::addColumn<int>("batch");  // negative: TensorFlow Playground's rules with batches of -batch
        QTest::addColumn<bool>("layerOptions");
        QTest::addColumn<int>("algorithm");
        const int gd = int(Algorithm::GradientDescent);
        QTest::newRow("adam, batch 10") << int(OptimizerKind::Adam) << 10 << false << gd;
        QTest::newRow("sgd, stochastic") << int(OptimizerKind::SGD) << 1 << false << gd;
        QTest::newRow("nesterov, full batch") << int(OptimizerKind::Nesterov) << 0 << false << gd;
        QTest::newRow("adamw, batch norm + dropout + maxout, partial batches") << int(OptimizerKind::AdamW) << 7
                                                                                << true << gd;
        QTest::newRow("rmsprop, batch norm + dropout, full batch") << int(OptimizerKind::RMSProp) << 0 << true << gd;
        QTest::newRow("perceptron rule") << int(OptimizerKind::SGD) << 1 << false << int(Algorithm::Perceptron);
        // TensorFlow Playground's rules: a partial batch carried into the next, L1 stopping at zero.
        QTest::newRow("sgd, carried partial batch, l1 stops at zero") << int(OptimizerKind::SGD) << -7 << false << gd;
    }

    void trainingStepsAllocateNothing()
    {
        QFETCH(int, optimizer);
        QFETCH(int, batch);
        QFETCH(bool, layerOptions);
        QFETCH(int, algorithm);
        Config c;
        c.data.generator = Generator::Spiral;
        c.data.classes = 3;
        c.data.count = 300;
        c.features = {Feature::X1, Feature::X2, Feature::Radius, Feature::SinX1};
        c.standardize = true;
        c.network.head = OutputHead::Softmax;
        c.network.loss = Loss::CategoricalCrossEntropy;
        if (layerOptions) {
            c.network.hidden = {LayerSpec{64, Activation::ReLU, 0.01, 2, true, 0.2},
                                LayerSpec{16, Activation::Maxout, 0.01, 3, false, 0.1},
                                LayerSpec{16, Activation::GELU, 0.01, 2, true, 0.0}};
        } else {
            c.network.hidden = {LayerSpec{16, Activation::Tanh}, LayerSpec{16, Activation::Tanh}};
        }
        c.training.optimizer.kind = OptimizerKind(optimizer);
        c.training.batchSize = std::abs(batch);
        const bool playgroundRules = batch < 0;
        c.training.carryPartialBatch = playgroundRules;
        c.training.l1StopsAtZero = playgroundRules;
        c.training.shuffle = !playgroundRules;
        c.training.penalty = {0.0001, 0.001};
        c.training.earlyStopping = {true, 1'000'000, 0.0, true};
        c.training.schedule.kind = ScheduleKind::Cosine;
        c.training.algorithm = Algorithm(algorithm);
        if (c.training.algorithm == Algorithm::Perceptron) {
            c.network.hidden.clear();
            c.network.head = OutputHead::Step;
            c.network.loss = Loss::Perceptron;
        }
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        t.trainEpoch();  // warm-up: the first epoch end sizes the early-stopping copies
        if (playgroundRules)
            QVERIFY(t.state().carriedCount > 0);

        const long before = g_allocations.load();
        const std::int64_t epochBefore = t.epoch();
        const std::int64_t steps = t.train(600);
        const long allocations = g_allocations.load() - before;
        QCOMPARE(steps, std::int64_t(600));
        QVERIFY2(t.epoch() > epochBefore, "the measured steps should cross epoch ends");
        QCOMPARE(allocations, 0L);
    }

    void gridEvaluationAllocatesNothingOnceWarm()
    {
        Config c;
        c.network.hidden = {LayerSpec{32, Activation::Tanh}, LayerSpec{32, Activation::ReLU}};
        Trainer t;
        QCOMPARE(t.reset(c, generateDataset(c.data)), std::string());
        GridEvaluator evaluator;
        evaluator.setModel(t.model());
        GridEvaluation result;
        GridSpec grid;
        evaluator.evaluate(grid, true, result);
        const Model model = t.model();
        const long before = g_allocations.load();
        for (int i = 0; i < 3; ++i) {
            evaluator.setModel(model);  // new weights of the same shape, as every frame
            evaluator.evaluate(grid, true, result);
        }
        QCOMPARE(g_allocations.load() - before, 0L);
    }
};

QTEST_APPLESS_MAIN(TestAllocation)
#include "test_allocation.moc"
