#pragma once

// Helpers shared by the widget tests: the small XOR setting they train, and waiting on the
// event loop for something the worker threads will make true.

#include "session/config.h"
#include "trainingcontroller.h"

#include <QElapsedTimer>
#include <QtTest>

namespace np::test {

/// 200 XOR points and one hidden layer of 8 tanh units: trains to a low loss in a second.
inline Config xorConfig()
{
    Config c;
    c.data.generator = Generator::Xor;
    c.data.count = 200;
    c.data.seed = 3;
    c.network.hidden = {LayerSpec{8, Activation::Tanh}};
    c.training.optimizer.learningRate = 0.03;
    return c;
}

/// Processes events until done() holds; false after timeoutMs.
template <typename Predicate>
bool waitFor(Predicate done, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QTest::qWait(2);
    }
    return true;
}

/// Processes events until the controller's newest snapshot satisfies done(snapshot).
template <typename Predicate>
bool waitFor(TrainingController &c, Predicate done, int timeoutMs = 10000)
{
    return waitFor([&] { return done(c.latest()); }, timeoutMs);
}

}  // namespace np::test
