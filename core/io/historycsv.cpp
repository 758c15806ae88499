#include "historycsv.h"

#include "../common/atomicwrite.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace np {

namespace {

// Shortest round-trip text (to_chars without a precision); NaN and infinities become an empty
// cell, which spreadsheets and pandas read as missing.
template <typename T>
void appendNumber(std::string &out, T v)
{
    out += ',';
    if (!std::isfinite(v))
        return;
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    if (ec == std::errc())
        out.append(buffer, end);
}

void appendMetrics(std::string &out, const Metrics &m)
{
    appendNumber(out, m.loss);
    appendNumber(out, m.accuracy);
    appendNumber(out, m.rmse);
    appendNumber(out, m.r2);
}

}  // namespace

std::string formatHistoryCsv(const History &history)
{
    // The network can change shape between records (a layer added while training), so the
    // health columns cover the most layers any record describes; the others leave them empty.
    int layers = 0;
    for (const HistoryRecord &r : history)
        layers = std::max(layers, std::clamp(r.healthLayers, 0, kMaxHealthLayers));

    std::string out = "epoch,step,learning_rate,penalty,"
                      "train_loss,train_accuracy,train_rmse,train_r2,"
                      "validation_loss,validation_accuracy,validation_rmse,validation_r2";
    for (int l = 0; l < layers; ++l) {
        // The last column group is the output layer only in records that describe every layer.
        const std::string name = l + 1 == layers ? "output" : "hidden" + std::to_string(l + 1);
        out += "," + name + "_gradient_norm," + name + "_dead," + name + "_saturated";
    }
    out += '\n';

    for (const HistoryRecord &r : history) {
        out += std::to_string(r.epoch) + ',' + std::to_string(r.step);
        appendNumber(out, r.learningRate);
        appendNumber(out, r.penalty);
        appendMetrics(out, r.train);
        appendMetrics(out, r.validation);
        const int own = std::clamp(r.healthLayers, 0, kMaxHealthLayers);
        for (int l = 0; l < layers; ++l) {
            // A record with fewer layers lines its output layer up with the output columns.
            const int index = l + 1 == layers ? own - 1 : l;
            const bool present = index >= 0 && (l + 1 == layers || index < own - 1);
            const LayerHealth h = present ? r.health[std::size_t(index)] : LayerHealth{};
            appendNumber(out, h.gradientNorm);
            appendNumber(out, h.deadShare);
            appendNumber(out, h.saturatedShare);
        }
        out += '\n';
    }
    return out;
}

std::string writeHistoryCsv(const std::string &path, const History &history)
{
    return writeFileAtomically(path, formatHistoryCsv(history));
}

}  // namespace np
