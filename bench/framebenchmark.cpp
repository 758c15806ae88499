// What one view frame costs, without a window: the evaluator's work (boundary, the data points'
// predictions, neuron maps, linear regions, folding mesh) for the deep, large and default
// networks of np-uibenchmark, with every view's needs, while training and when paused, on the
// calling thread alone (as on a two-core machine, where the evaluator's pool has no helpers).
// Prints medians of each part and one JSON line per case.
//   build/release/bench/np-framebenchmark [--frames N]
#include "common/memoryreuse.h"
#include "scenarios.h"
#include "analysis/gridevaluation.h"
#include "session/config.h"
#include "training/trainer.h"
#include "viewframe.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace np;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

void run(const char *name, const Config &config, int frames)
{
    const Dataset data = generateDataset(config.data);
    Trainer trainer;
    trainer.reset(config, data);
    trainer.train(200);  // weights a little way into training, not the initial ones
    const Model model = trainer.model();

    ViewNeeds needs;
    needs.neuronMaps = true;
    needs.regions = true;
    needs.folding = true;
    needs.foldingSide = 31;
    FrameScratch scratch;
    for (const bool training : {true, false}) {
        std::vector<double> total, boundary, neurons, regions, folding;
        for (int i = 0; i < frames; ++i) {
            const ViewFrame f = computeViewFrame(model, data, BoundaryStyle{}, GridSpec{}, needs, scratch, nullptr,
                                                 training);
            total.push_back(f.milliseconds);
            boundary.push_back(f.boundaryMs);
            neurons.push_back(f.neuronMs);
            regions.push_back(f.regionMs);
            folding.push_back(f.foldingMs);
        }
        std::printf("%-8s %-9s frame %8.2f ms: boundary %7.2f, neuron maps %6.2f, regions %6.2f, folding %6.2f "
                    "(medians of %d)\n",
                    name, training ? "training" : "paused", median(total), median(boundary), median(neurons),
                    median(regions), median(folding), frames);
        std::printf("{\"case\":\"%s\",\"training\":%s,\"frameMs\":%.3f,\"boundaryMs\":%.3f,\"neuronMs\":%.3f,"
                    "\"regionMs\":%.3f,\"foldingMs\":%.3f}\n",
                    name, training ? "true" : "false", median(total), median(boundary), median(neurons),
                    median(regions), median(folding));
        std::fflush(stdout);
    }
}

}  // namespace

int main(int argc, char **argv)
{
    keepFreedMemoryForReuse();  // as the app does
    int frames = 15;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
            frames = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: np-framebenchmark [--frames N]\n");
            return 2;
        }
    }
    const Config deep = bench::deepConfig();
    const Config large = bench::largeConfig();
    run("default", defaultConfig(), frames);
    run("deep", deep, frames);
    run("large", large, frames);
    return 0;
}
