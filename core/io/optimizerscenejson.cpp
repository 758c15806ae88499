#include "optimizerscenejson.h"

#include <QJsonArray>

namespace np {

QJsonObject optimizerSceneToJson(const OptimizerScene &scene)
{
    QJsonArray optimizers;
    for (const OptimizerSpec &o : scene.optimizers) {
        optimizers.append(QJsonObject{{"type", optimizerKey(o.kind)},
                                      {"learningRate", o.learningRate},
                                      {"momentum", o.momentum},
                                      {"beta1", o.beta1},
                                      {"beta2", o.beta2},
                                      {"rho", o.rho},
                                      {"epsilon", o.epsilon},
                                      {"weightDecay", o.weightDecay}});
    }
    const SurfaceSpec &s = scene.surface;
    return QJsonObject{{"surface", QJsonObject{{"type", surfaceKey(s.kind)},
                                               {"condition", s.condition},
                                               {"rotation", s.rotation},
                                               {"noise", s.noise},
                                               {"seed", static_cast<double>(s.seed)}}},
                       {"start", QJsonArray{scene.start.x, scene.start.y}},
                       {"steps", scene.steps},
                       {"optimizers", optimizers}};
}

void optimizerSceneFromJson(const QJsonObject &o, OptimizerScene &scene, JsonReader &r)
{
    r.allowOnly(o, {"surface", "start", "steps", "optimizers"});
    QJsonObject sub;
    if (r.object(o, "surface", sub)) {
        r.enter("surface");
        r.allowOnly(sub, {"type", "condition", "rotation", "noise", "seed"});
        SurfaceSpec &s = scene.surface;
        r.key(sub, "type", s.kind, parseSurface, "surface");
        r.number(sub, "condition", s.condition, 1, 1e6);
        r.number(sub, "rotation", s.rotation, -360, 360);
        r.number(sub, "noise", s.noise, 0, 1e6);
        r.seed(sub, "seed", s.seed);
        r.leave();
    }
    scene.start = surfaceDefaultStart(scene.surface);
    QJsonArray start;
    if (r.array(o, "start", start)) {
        std::vector<double> xy;
        r.doubles(start, "start", xy, false);
        if (r.ok() && xy.size() != 2)
            r.failAt("start", "expected [x, y]");
        else if (r.ok())
            scene.start = {xy[0], xy[1]};
    }
    r.integer(o, "steps", scene.steps, 1, kMaxSceneSteps);
    QJsonArray optimizers;
    if (r.array(o, "optimizers", optimizers)) {
        scene.optimizers.clear();
        if (optimizers.size() > kMaxSceneOptimizers)
            r.failAt("optimizers", "at most " + std::to_string(kMaxSceneOptimizers) + " optimizers");
        for (qsizetype i = 0; i < optimizers.size() && r.ok(); ++i) {
            r.enter("optimizers[" + std::to_string(i) + "]");
            if (!optimizers.at(i).isObject())
                r.fail("expected an object describing the optimizer");
            const QJsonObject entry = optimizers.at(i).toObject();
            r.allowOnly(entry, {"type", "learningRate", "momentum", "beta1", "beta2", "rho", "epsilon", "weightDecay"});
            OptimizerSpec spec;
            r.key(entry, "type", spec.kind, parseOptimizer, "optimizer");
            r.number(entry, "learningRate", spec.learningRate, 0, 1000);
            r.number(entry, "momentum", spec.momentum, 0, 0.9999);
            r.number(entry, "beta1", spec.beta1, 0, 0.9999);
            r.number(entry, "beta2", spec.beta2, 0, 0.999999);
            r.number(entry, "rho", spec.rho, 0, 0.9999);
            r.number(entry, "epsilon", spec.epsilon, 1e-12, 1);
            r.number(entry, "weightDecay", spec.weightDecay, 0, 10);
            r.leave();
            scene.optimizers.push_back(spec);
        }
    }
    if (r.ok()) {
        if (std::string e = validateOptimizerScene(scene); !e.empty())
            r.fail(e);
    }
}

}  // namespace np
