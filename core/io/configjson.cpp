#include "configjson.h"

#include <QJsonArray>

namespace np {

namespace {

QJsonObject layerToJson(const LayerSpec &layer)
{
    return QJsonObject{
        {"units", layer.units},
        {"activation", activationInfo(layer.activation).key},
        {"alpha", layer.alpha},
        {"pieces", layer.pieces},
        {"batchNorm", layer.batchNorm},
        {"dropout", layer.dropout},
    };
}

void layerFromJson(const QJsonObject &o, LayerSpec &layer, JsonReader &r)
{
    r.allowOnly(o, {"units", "activation", "alpha", "pieces", "batchNorm", "dropout"});
    r.integer(o, "units", layer.units, 1, 1024);
    r.key(o, "activation", layer.activation, parseActivation, "activation");
    r.number(o, "alpha", layer.alpha, -100, 100);
    r.integer(o, "pieces", layer.pieces, 2, 8);
    r.boolean(o, "batchNorm", layer.batchNorm);
    r.number(o, "dropout", layer.dropout, 0, 0.9);
}

void dataFromJson(const QJsonObject &o, DataSpec &data, JsonReader &r)
{
    r.enter("data");
    r.allowOnly(o, {"generator", "classes", "count", "noise", "validation", "seed"});
    r.key(o, "generator", data.generator, parseGenerator, "generator");
    r.integer(o, "classes", data.classes, 2, 8);
    r.integer(o, "count", data.count, 1, 1'000'000);
    r.number(o, "noise", data.noise, 0, 10);
    r.number(o, "validation", data.validationFraction, 0, 0.9);
    r.seed(o, "seed", data.seed);
    if (r.ok()) {
        if (std::string error = validateDataSpec(data); !error.empty())
            r.fail(error);
    }
    r.leave();
}

void networkFromJson(const QJsonObject &o, NetworkSpec &network, Task task, JsonReader &r)
{
    r.enter("network");
    r.allowOnly(o, {"hidden", "output", "loss"});
    QJsonArray hidden;
    if (r.array(o, "hidden", hidden)) {
        if (hidden.size() > 32) {
            r.failAt("hidden", "at most 32 hidden layers are supported");
        } else {
            network.hidden.assign(static_cast<std::size_t>(hidden.size()), LayerSpec{});
            for (qsizetype i = 0; i < hidden.size() && r.ok(); ++i) {
                r.enter("hidden[" + std::to_string(i) + "]");
                if (!hidden.at(i).isObject())
                    r.fail("expected an object describing the layer");
                else
                    layerFromJson(hidden.at(i).toObject(), network.hidden[static_cast<std::size_t>(i)], r);
                r.leave();
            }
        }
    }
    const bool hasLoss = o.contains("loss");
    r.key(o, "output", network.head, parseHead, "output");
    r.key(o, "loss", network.loss, parseLoss, "loss");
    if (!hasLoss && o.contains("output"))
        network.loss = defaultLoss(network.head, task);
    r.leave();
}

void initFromJson(const QJsonObject &o, InitSpec &init, JsonReader &r)
{
    r.enter("init");
    r.allowOnly(o, {"scheme", "scale", "bias", "sparseConnections", "seed"});
    r.key(o, "scheme", init.scheme, parseInit, "initialisation");
    r.number(o, "scale", init.scale, 0, 100);
    r.number(o, "bias", init.bias, -100, 100);
    r.integer(o, "sparseConnections", init.sparseConnections, 1, 1024);
    r.seed(o, "seed", init.seed);
    r.leave();
}

void trainingFromJson(const QJsonObject &o, TrainingSpec &t, JsonReader &r)
{
    r.enter("training");
    r.allowOnly(o, {"algorithm", "optimizer", "schedule", "batchSize", "shuffle", "l1", "l2", "l1StopsAtZero",
                    "carryPartialBatch",                    "earlyStopping", "maxEpochs", "targetLoss", "seed"});
    r.key(o, "algorithm", t.algorithm, parseAlgorithm, "algorithm");
    QJsonObject sub;
    if (r.object(o, "optimizer", sub)) {
        r.enter("optimizer");
        r.allowOnly(sub, {"type", "learningRate", "momentum", "beta1", "beta2", "rho", "epsilon", "weightDecay"});
        OptimizerSpec &opt = t.optimizer;
        r.key(sub, "type", opt.kind, parseOptimizer, "optimizer");
        r.number(sub, "learningRate", opt.learningRate, 0, 1000);
        r.number(sub, "momentum", opt.momentum, 0, 0.9999);
        r.number(sub, "beta1", opt.beta1, 0, 0.9999);
        r.number(sub, "beta2", opt.beta2, 0, 0.999999);
        r.number(sub, "rho", opt.rho, 0, 0.9999);
        r.number(sub, "epsilon", opt.epsilon, 1e-12, 1);
        r.number(sub, "weightDecay", opt.weightDecay, 0, 10);
        r.leave();
    }
    if (r.object(o, "schedule", sub)) {
        r.enter("schedule");
        r.allowOnly(sub, {"type", "finalLearningRate", "tau", "decay", "decaySteps"});
        ScheduleSpec &s = t.schedule;
        r.key(sub, "type", s.kind, parseSchedule, "schedule");
        r.number(sub, "finalLearningRate", s.finalLearningRate, 0, 1000);
        r.integer(sub, "tau", s.tau, 1, std::int64_t(1) << 50);
        r.number(sub, "decay", s.decay, 1e-12, 1);
        r.integer(sub, "decaySteps", s.decaySteps, 1, std::int64_t(1) << 50);
        r.leave();
    }
    r.integer(o, "batchSize", t.batchSize, 0, 1'000'000);
    r.boolean(o, "shuffle", t.shuffle);
    r.number(o, "l1", t.penalty.l1, 0, 100);
    r.number(o, "l2", t.penalty.l2, 0, 100);
    r.boolean(o, "l1StopsAtZero", t.l1StopsAtZero);
    r.boolean(o, "carryPartialBatch", t.carryPartialBatch);
    if (r.object(o, "earlyStopping", sub)) {
        r.enter("earlyStopping");
        r.allowOnly(sub, {"enabled", "patience", "minDelta", "restoreBest"});
        r.boolean(sub, "enabled", t.earlyStopping.enabled);
        r.integer(sub, "patience", t.earlyStopping.patience, 1, 1'000'000);
        r.number(sub, "minDelta", t.earlyStopping.minDelta, 0, 1e6);
        r.boolean(sub, "restoreBest", t.earlyStopping.restoreBest);
        r.leave();
    }
    r.integer(o, "maxEpochs", t.maxEpochs, 0, std::int64_t(1) << 50);
    r.number(o, "targetLoss", t.targetLoss, 0, 1e6);
    r.seed(o, "seed", t.seed);
    r.leave();
}

}  // namespace

QJsonObject configToJson(const Config &config)
{
    QJsonObject data{
        {"generator", generatorInfo(config.data.generator).name},
        {"classes", config.data.classes},
        {"count", config.data.count},
        {"noise", config.data.noise},
        {"validation", config.data.validationFraction},
        {"seed", static_cast<double>(config.data.seed)},
    };
    QJsonArray features;
    for (Feature f : config.features.list())
        features.append(featureKey(f));
    QJsonArray hidden;
    for (const LayerSpec &layer : config.network.hidden)
        hidden.append(layerToJson(layer));
    QJsonObject network{
        {"hidden", hidden},
        {"output", headKey(config.network.head)},
        {"loss", lossKey(config.network.loss)},
    };
    QJsonObject init{
        {"scheme", initKey(config.init.scheme)},
        {"scale", config.init.scale},
        {"bias", config.init.bias},
        {"sparseConnections", config.init.sparseConnections},
        {"seed", static_cast<double>(config.init.seed)},
    };
    const TrainingSpec &t = config.training;
    QJsonObject optimizer{
        {"type", optimizerKey(t.optimizer.kind)},
        {"learningRate", t.optimizer.learningRate},
        {"momentum", t.optimizer.momentum},
        {"beta1", t.optimizer.beta1},
        {"beta2", t.optimizer.beta2},
        {"rho", t.optimizer.rho},
        {"epsilon", t.optimizer.epsilon},
        {"weightDecay", t.optimizer.weightDecay},
    };
    QJsonObject schedule{
        {"type", scheduleKey(t.schedule.kind)},
        {"finalLearningRate", t.schedule.finalLearningRate},
        {"tau", static_cast<double>(t.schedule.tau)},
        {"decay", t.schedule.decay},
        {"decaySteps", static_cast<double>(t.schedule.decaySteps)},
    };
    QJsonObject early{
        {"enabled", t.earlyStopping.enabled},
        {"patience", t.earlyStopping.patience},
        {"minDelta", t.earlyStopping.minDelta},
        {"restoreBest", t.earlyStopping.restoreBest},
    };
    QJsonObject training{
        {"algorithm", algorithmKey(t.algorithm)},
        {"optimizer", optimizer},
        {"schedule", schedule},
        {"batchSize", t.batchSize},
        {"shuffle", t.shuffle},
        {"l1", t.penalty.l1},
        {"l2", t.penalty.l2},
        {"earlyStopping", early},
        {"maxEpochs", static_cast<double>(t.maxEpochs)},
        {"targetLoss", t.targetLoss},
        {"seed", static_cast<double>(t.seed)},
    };
    if (t.l1StopsAtZero)  // written only when on, so other files stay as they were
        training.insert("l1StopsAtZero", true);
    if (t.carryPartialBatch)  // likewise
        training.insert("carryPartialBatch", true);
    return QJsonObject{
        {"data", data},
        {"features", features},
        {"standardize", config.standardize},
        {"network", network},
        {"init", init},
        {"training", training},
    };
}

void configFromJson(const QJsonObject &o, Config &config, JsonReader &r)
{
    r.allowOnly(o, {"format", "version", "data", "features", "standardize", "network", "init", "training"});
    QJsonObject sub;
    if (r.object(o, "data", sub))
        dataFromJson(sub, config.data, r);
    QJsonArray features;
    if (r.array(o, "features", features)) {
        FeatureSet set;
        for (qsizetype i = 0; i < features.size() && r.ok(); ++i) {
            Feature f;
            if (!features.at(i).isString() || !parseFeatureKey(features.at(i).toString().toStdString(), f))
                r.failAt("features", "entry " + std::to_string(i)
                                         + " is not a feature (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2, r, theta)");
            else
                set.set(f, true);
        }
        if (r.ok() && set.count() == 0)
            r.failAt("features", "choose at least one input feature");
        config.features = set;
    }
    r.boolean(o, "standardize", config.standardize);
    if (r.object(o, "network", sub))
        networkFromJson(sub, config.network, generatorInfo(config.data.generator).task, r);
    if (r.object(o, "init", sub))
        initFromJson(sub, config.init, r);
    if (r.object(o, "training", sub))
        trainingFromJson(sub, config.training, r);
}

}  // namespace np
