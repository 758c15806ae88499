#include "sessionjson.h"

#include "../common/atomicwrite.h"
#include "../common/numbertext.h"
#include "configjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

QJsonArray toArray(std::span<const float> values)
{
    QJsonArray a;
    for (float v : values)
        a.append(static_cast<double>(v));
    return a;
}

QJsonValue nullable(float v)
{
    return std::isfinite(v) ? QJsonValue(double(v)) : QJsonValue(QJsonValue::Null);
}

QJsonValue nullable(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject historyToJson(const History &history)
{
    QJsonArray epoch, step, lr, penalty;
    QJsonArray trainLoss, trainAccuracy, trainRmse, trainR2, validationLoss, validationAccuracy, validationRmse,
        validationR2;
    for (const HistoryRecord &r : history) {
        epoch.append(static_cast<double>(r.epoch));
        step.append(static_cast<double>(r.step));
        lr.append(nullable(r.learningRate));
        penalty.append(nullable(r.penalty));
        trainLoss.append(nullable(r.train.loss));
        trainAccuracy.append(nullable(r.train.accuracy));
        trainRmse.append(nullable(r.train.rmse));
        trainR2.append(nullable(r.train.r2));
        validationLoss.append(nullable(r.validation.loss));
        validationAccuracy.append(nullable(r.validation.accuracy));
        validationRmse.append(nullable(r.validation.rmse));
        validationR2.append(nullable(r.validation.r2));
    }
    QJsonArray trainCount, validationCount, gradientNorm, deadShare, saturatedShare;
    for (const HistoryRecord &r : history) {
        trainCount.append(r.train.count);
        validationCount.append(r.validation.count);
        QJsonArray g, d, sat;
        for (int l = 0; l < r.healthLayers; ++l) {
            const LayerHealth &h = r.health[static_cast<std::size_t>(l)];
            g.append(nullable(h.gradientNorm));
            d.append(nullable(h.deadShare));
            sat.append(nullable(h.saturatedShare));
        }
        gradientNorm.append(g);
        deadShare.append(d);
        saturatedShare.append(sat);
    }
    return QJsonObject{
        {"epoch", epoch},
        {"step", step},
        {"learningRate", lr},
        {"penalty", penalty},
        {"trainCount", trainCount},
        {"validationCount", validationCount},
        {"trainLoss", trainLoss},
        {"trainAccuracy", trainAccuracy},
        {"trainRmse", trainRmse},
        {"trainR2", trainR2},
        {"validationLoss", validationLoss},
        {"validationAccuracy", validationAccuracy},
        {"validationRmse", validationRmse},
        {"validationR2", validationR2},
        {"gradientNorm", gradientNorm},
        {"deadShare", deadShare},
        {"saturatedShare", saturatedShare},
    };
}

// Per-layer health columns: one array of (number or null) per history row.
void healthColumnFromJson(const QJsonObject &o, const char *key, History &history, float LayerHealth::*field,
                          JsonReader &r)
{
    QJsonArray rows;
    if (!r.array(o, key, rows, false) || !r.ok())
        return;
    if (rows.size() != qsizetype(history.size())) {
        r.failAt(key, "has " + std::to_string(rows.size()) + " rows, the other columns " + std::to_string(history.size()));
        return;
    }
    for (qsizetype i = 0; i < rows.size() && r.ok(); ++i) {
        if (!rows.at(i).isArray()) {
            r.failAt(key, "row " + std::to_string(i) + " is not an array");
            return;
        }
        std::vector<double> values;
        r.doubles(rows.at(i).toArray(), key, values, true);
        if (!r.ok())
            return;
        if (values.size() > std::size_t(kMaxHealthLayers)) {
            r.failAt(key, "row " + std::to_string(i) + " has more than " + std::to_string(kMaxHealthLayers) + " layers");
            return;
        }
        HistoryRecord &record = history[static_cast<std::size_t>(i)];
        record.healthLayers = std::max(record.healthLayers, int(values.size()));
        for (std::size_t l = 0; l < values.size(); ++l)
            record.health[l].*field = static_cast<float>(values[l]);
    }
}

void historyFromJson(const QJsonObject &o, History &history, JsonReader &r)
{
    r.enter("history");
    static const char *const columns[] = {"epoch", "step", "learningRate", "penalty", "trainLoss",
                                          "trainAccuracy", "trainRmse", "trainR2", "validationLoss",
                                          "validationAccuracy", "validationRmse", "validationR2",
                                          "trainCount", "validationCount"};
    r.allowOnly(o, {"epoch", "step", "learningRate", "penalty", "trainCount", "validationCount", "trainLoss",
                    "trainAccuracy", "trainRmse", "trainR2", "validationLoss", "validationAccuracy",
                    "validationRmse", "validationR2", "gradientNorm", "deadShare", "saturatedShare"});
    std::vector<std::vector<double>> values(std::size(columns));
    qsizetype rows = -1;
    for (std::size_t c = 0; c < std::size(columns) && r.ok(); ++c) {
        QJsonArray a;
        if (!r.array(o, columns[c], a, true))
            break;
        if (rows >= 0 && a.size() != rows) {
            r.failAt(columns[c], "has " + std::to_string(a.size()) + " entries, the other columns "
                                     + std::to_string(rows));
            break;
        }
        rows = a.size();
        r.doubles(a, columns[c], values[c], c >= 2 && c < 12);
    }
    if (r.ok()) {
        history.resize(static_cast<std::size_t>(std::max<qsizetype>(rows, 0)));
        for (std::size_t i = 0; i < history.size(); ++i) {
            HistoryRecord &h = history[i];
            const double e = values[0][i], s = values[1][i];
            if (e < 0 || s < 0 || e != std::floor(e) || s != std::floor(s) || e > 9e15 || s > 9e15) {
                r.fail("epoch and step must be whole numbers that are not negative");
                return;
            }
            h.epoch = static_cast<std::int64_t>(e);
            h.step = static_cast<std::int64_t>(s);
            h.learningRate = values[2][i];
            h.penalty = values[3][i];
            const double trainCount = values[12][i], validationCount = values[13][i];
            if (trainCount < 0 || validationCount < 0 || trainCount > 1e8 || validationCount > 1e8
                || trainCount != std::floor(trainCount) || validationCount != std::floor(validationCount)) {
                r.fail("the point counts must be whole numbers from 0 to 100000000");
                return;
            }
            h.train = {int(trainCount), values[4][i], values[5][i], values[6][i], values[7][i]};
            h.validation = {int(validationCount), values[8][i], values[9][i], values[10][i], values[11][i]};
        }
        healthColumnFromJson(o, "gradientNorm", history, &LayerHealth::gradientNorm, r);
        healthColumnFromJson(o, "deadShare", history, &LayerHealth::deadShare, r);
        healthColumnFromJson(o, "saturatedShare", history, &LayerHealth::saturatedShare, r);
    }
    r.leave();
}

}  // namespace

QJsonObject datasetToJson(const Dataset &dataset)
{
    QJsonArray x1, x2, label, target, validation;
    for (const DataPoint &p : dataset.points) {
        x1.append(p.x1);
        x2.append(p.x2);
        if (dataset.isClassification())
            label.append(p.label);
        else
            target.append(p.target);
        validation.append(p.validation ? 1 : 0);
    }
    QJsonObject o{
        {"task", taskName(dataset.task)},
        {"classes", dataset.classCount},
        {"x1", x1},
        {"x2", x2},
        {"validation", validation},
    };
    if (dataset.isClassification())
        o.insert("label", label);
    else
        o.insert("target", target);
    return o;
}

void datasetFromJson(const QJsonObject &o, Dataset &dataset, JsonReader &r)
{
    r.enter("dataset");
    r.allowOnly(o, {"task", "classes", "x1", "x2", "label", "target", "validation"});
    Dataset d;
    std::string task = "classification";
    r.string(o, "task", task);
    if (r.ok() && !parseTask(task.c_str(), d.task))
        r.failAt("task", "expected 'classification' or 'regression', found '" + task + "'");
    r.integer(o, "classes", d.classCount, kMinClasses, kMaxClasses);
    QJsonArray ax1, ax2, ay, av;
    r.array(o, "x1", ax1, true);
    r.array(o, "x2", ax2, true);
    r.array(o, "validation", av, true);
    r.array(o, d.isClassification() ? "label" : "target", ay, true);
    std::vector<double> x1, x2, y, v;
    r.doubles(ax1, "x1", x1, false);
    r.doubles(ax2, "x2", x2, false);
    r.doubles(ay, d.isClassification() ? "label" : "target", y, false);
    r.doubles(av, "validation", v, false);
    if (r.ok() && (x2.size() != x1.size() || y.size() != x1.size() || v.size() != x1.size()))
        r.fail("the columns x1, x2, " + std::string(d.isClassification() ? "label" : "target")
               + " and validation must have the same length");
    if (r.ok() && x1.size() > 1'000'000)
        r.fail("more than 1000000 points");
    if (r.ok()) {
        d.points.resize(x1.size());
        for (std::size_t i = 0; i < x1.size() && r.ok(); ++i) {
            DataPoint &p = d.points[i];
            p.x1 = x1[i];
            p.x2 = x2[i];
            if (v[i] != 0 && v[i] != 1)
                r.failAt("validation", "point " + std::to_string(i) + " has " + formatNumber(v[i])
                                           + "; use 0 (training) or 1 (validation)");
            p.validation = v[i] == 1;
            if (d.isClassification()) {
                if (y[i] != std::floor(y[i]) || y[i] < 0 || y[i] >= d.classCount)
                    r.failAt("label", "point " + std::to_string(i) + " has class " + formatNumber(y[i])
                                          + ", outside 0.." + std::to_string(d.classCount - 1));
                else
                    p.label = static_cast<int>(y[i]);
            } else {
                p.target = y[i];
            }
        }
    }
    if (r.ok())
        dataset = std::move(d);
    r.leave();
}

QJsonObject trainerStateToJson(const TrainerState &s)
{
    QJsonArray rng;
    for (std::uint64_t word : s.rng)
        rng.append(hex64(word));
    QJsonArray order;
    for (int i : s.order)
        order.append(i);
    QJsonArray accumulators;
    for (const auto &slot : s.optimizer.accumulators)
        accumulators.append(toArray(slot));
    QJsonObject o{
        {"parameters", toArray(s.parameters)},
        {"buffers", toArray(s.buffers)},
        {"optimizer", QJsonObject{{"type", optimizerKey(s.optimizer.kind)},
                                  {"t", static_cast<double>(s.optimizer.t)},
                                  {"accumulators", accumulators}}},
        {"rng", rng},
        {"order", order},
        {"cursor", static_cast<double>(s.cursor)},
        {"epoch", static_cast<double>(s.epoch)},
        {"step", static_cast<double>(s.step)},
        {"samples", static_cast<double>(s.samples)},
        {"history", historyToJson(s.history)},
        {"historyInterval", static_cast<double>(s.historyInterval)},
        {"gradientSquares", QJsonArray::fromVariantList([&] {
             QVariantList v;
             for (double d : s.gradientSquares)
                 v.append(d);
             return v;
         }())},
        {"gradientSteps", static_cast<double>(s.gradientSteps)},
        {"stopReason", stopReasonKey(s.stopReason)},
        {"stopMessage", QString::fromStdString(s.stopMessage)},
    };
    const EarlyStoppingState &es = s.earlyStopping;
    QJsonObject early{
        {"bestLoss", nullable(es.bestLoss)},
        {"bestEpoch", static_cast<double>(es.bestEpoch)},
        {"badEpochs", es.badEpochs},
    };
    if (!es.bestParameters.empty()) {
        early.insert("bestParameters", toArray(es.bestParameters));
        early.insert("bestBuffers", toArray(es.bestBuffers));
    }
    o.insert("earlyStopping", early);
    // Written only when there is something, so that other files stay as they were.
    if (s.carriedCount > 0) {
        o.insert("carriedCount", static_cast<double>(s.carriedCount));
        o.insert("carriedGradients", QJsonArray::fromVariantList([&] {
                     QVariantList v;
                     for (double d : s.carriedGradients)
                         v.append(d);
                     return v;
                 }()));
    }
    if (std::find(s.deadWeights.begin(), s.deadWeights.end(), std::uint8_t(1)) != s.deadWeights.end()) {
        QJsonArray dead;  // indices of the parameters frozen at 0
        for (std::size_t i = 0; i < s.deadWeights.size(); ++i)
            if (s.deadWeights[i])
                dead.append(static_cast<double>(i));
        o.insert("deadWeights", dead);
    }
    return o;
}

void trainerStateFromJson(const QJsonObject &o, TrainerState &s, JsonReader &r)
{
    r.enter("state");
    r.allowOnly(o, {"parameters", "buffers", "optimizer", "rng", "order", "cursor", "epoch", "step", "samples",
                    "history", "historyInterval", "gradientSquares", "gradientSteps", "earlyStopping", "stopReason",
                    "stopMessage", "carriedCount", "carriedGradients", "deadWeights"});
    r.floats(o, "parameters", s.parameters, -1);
    r.floats(o, "buffers", s.buffers, -1);
    QJsonObject sub;
    if (r.object(o, "optimizer", sub, true)) {
        r.enter("optimizer");
        r.allowOnly(sub, {"type", "t", "accumulators"});
        r.key(sub, "type", s.optimizer.kind, parseOptimizer, "optimizer");
        r.integer(sub, "t", s.optimizer.t, 0, std::int64_t(1) << 52);
        QJsonArray accumulators;
        if (r.array(sub, "accumulators", accumulators, true)) {
            if (accumulators.size() > 2)
                r.failAt("accumulators", "an optimizer keeps at most 2 accumulators");
            s.optimizer.accumulators.resize(static_cast<std::size_t>(std::min<qsizetype>(accumulators.size(), 2)));
            for (std::size_t i = 0; i < s.optimizer.accumulators.size() && r.ok(); ++i) {
                r.floats(accumulators.at(static_cast<qsizetype>(i)), "accumulators[" + std::to_string(i) + "]",
                         s.optimizer.accumulators[i], static_cast<long long>(s.parameters.size()));
            }
        }
        r.leave();
    }
    QJsonArray rng;
    if (r.array(o, "rng", rng, true)) {
        if (rng.size() != 4)
            r.failAt("rng", "expected 4 words of generator state");
        for (qsizetype i = 0; i < rng.size() && r.ok(); ++i) {
            if (!parseHex64(rng.at(i).toString(), s.rng[static_cast<std::size_t>(i)]))
                r.failAt("rng", "word " + std::to_string(i) + " is not 16 hexadecimal digits");
        }
        if (r.ok() && s.rng == Rng::State{})
            r.failAt("rng", "the generator state cannot be all zero");
    }
    QJsonArray order;
    if (r.array(o, "order", order, true)) {
        s.order.resize(static_cast<std::size_t>(order.size()));
        for (qsizetype i = 0; i < order.size() && r.ok(); ++i) {
            const double d = order.at(i).toDouble(-1);
            if (!order.at(i).isDouble() || d != std::floor(d) || d < 0 || d > 1e9)
                r.failAt("order", "entry " + std::to_string(i) + " is not a point index");
            else
                s.order[static_cast<std::size_t>(i)] = static_cast<int>(d);
        }
    }
    r.integer(o, "cursor", s.cursor, 0, 1'000'000'000);
    r.integer(o, "epoch", s.epoch, 0, std::int64_t(1) << 52);
    r.integer(o, "step", s.step, 0, std::int64_t(1) << 52);
    r.integer(o, "samples", s.samples, 0, std::int64_t(1) << 52);
    if (r.object(o, "history", sub, true))
        historyFromJson(sub, s.history, r);
    r.integer(o, "historyInterval", s.historyInterval, 1, std::int64_t(1) << 40);
    QJsonArray squares;
    if (r.array(o, "gradientSquares", squares)) {
        if (squares.size() > kMaxHealthLayers)
            r.failAt("gradientSquares", "more values than layers");
        r.doubles(squares, "gradientSquares", s.gradientSquares, false);
    }
    r.integer(o, "gradientSteps", s.gradientSteps, 0, std::int64_t(1) << 52);
    if (o.contains("carriedCount") || o.contains("carriedGradients")) {
        r.integer(o, "carriedCount", s.carriedCount, 1, 1'000'000'000);
        QJsonArray carried;
        if (r.array(o, "carriedGradients", carried)) {
            if (carried.size() != static_cast<qsizetype>(s.parameters.size()))
                r.failAt("carriedGradients", "expected one value per parameter");
            else
                r.doubles(carried, "carriedGradients", s.carriedGradients, false);
        }
    }
    QJsonArray dead;
    if (o.contains("deadWeights") && r.array(o, "deadWeights", dead)) {
        s.deadWeights.assign(s.parameters.size(), 0);
        for (qsizetype i = 0; i < dead.size() && r.ok(); ++i) {
            const double d = dead.at(i).toDouble(-1);
            if (!dead.at(i).isDouble() || d != std::floor(d) || d < 0 || d >= double(s.parameters.size()))
                r.failAt("deadWeights", "entry " + std::to_string(i) + " is not a parameter index");
            else
                s.deadWeights[static_cast<std::size_t>(d)] = 1;
        }
    }
    if (r.object(o, "earlyStopping", sub, true)) {
        r.enter("earlyStopping");
        r.allowOnly(sub, {"bestLoss", "bestEpoch", "badEpochs", "bestParameters", "bestBuffers"});
        EarlyStoppingState &es = s.earlyStopping;
        if (sub.value("bestLoss").isNull())
            es.bestLoss = std::numeric_limits<double>::infinity();
        else
            r.number(sub, "bestLoss", es.bestLoss, -1e300, 1e300);
        r.integer(sub, "bestEpoch", es.bestEpoch, 0, std::int64_t(1) << 52);
        r.integer(sub, "badEpochs", es.badEpochs, 0, 1'000'000'000);
        if (sub.contains("bestParameters")) {
            r.floats(sub, "bestParameters", es.bestParameters, static_cast<long long>(s.parameters.size()));
            r.floats(sub, "bestBuffers", es.bestBuffers, static_cast<long long>(s.buffers.size()));
        }
        r.leave();
    }
    std::string stop = "none";
    r.string(o, "stopReason", stop);
    if (r.ok() && !parseStopReason(stop, s.stopReason))
        r.failAt("stopReason", "unknown stop reason '" + stop + "'");
    r.string(o, "stopMessage", s.stopMessage);
    r.leave();
}

QByteArray sessionToJson(const Session &session)
{
    QJsonObject o{
        {"format", kSessionFormat},
        {"version", kSessionFormatVersion},
        {"config", configToJson(session.config)},
        {"dataset", datasetToJson(session.dataset)},
    };
    if (session.state)
        o.insert("state", trainerStateToJson(*session.state));
    if (!session.sourceLink.empty())
        o.insert("sourceLink", QString::fromStdString(session.sourceLink));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QByteArray configFileToJson(const Config &config)
{
    QJsonObject o = configToJson(config);
    o.insert("format", kConfigFormat);
    o.insert("version", kSessionFormatVersion);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

SessionReadResult parseSession(const QByteArray &json)
{
    SessionReadResult result;
    const std::optional<QJsonObject> parsed = parseJsonObject(json, result.error);
    if (!parsed)
        return result;
    const QJsonObject &root = *parsed;
    JsonReader r;
    std::string format;
    r.string(root, "format", format);
    int version = kSessionFormatVersion;
    r.integer(root, "version", version, 1, 1'000'000);
    if (r.ok() && version > kSessionFormatVersion)
        r.fail("this file has format version " + std::to_string(version) + "; this program reads up to version "
               + std::to_string(kSessionFormatVersion) + ". Please update Neural Playground.");

    Session session;
    session.config = Config{};
    const bool isSession = root.contains("config") || format == kSessionFormat;
    if (r.ok() && isSession) {
        r.allowOnly(root, {"format", "version", "config", "dataset", "state", "sourceLink"});
        r.string(root, "sourceLink", session.sourceLink);
        QJsonObject config;
        if (r.object(root, "config", config, true)) {
            r.enter("config");
            configFromJson(config, session.config, r);
            r.leave();
        }
        QJsonObject dataset;
        if (r.object(root, "dataset", dataset))
            datasetFromJson(dataset, session.dataset, r);
        else if (r.ok())
            session.dataset = generateDataset(session.config.data);
        QJsonObject state;
        if (r.object(root, "state", state)) {
            TrainerState s;
            trainerStateFromJson(state, s, r);
            if (r.ok())
                session.state = std::move(s);
        }
    } else if (r.ok()) {
        if (!format.empty() && format != kConfigFormat)
            r.fail("unknown format '" + format + "' (expected " + kSessionFormat + " or " + kConfigFormat + ")");
        configFromJson(root, session.config, r);
        if (r.ok())
            session.dataset = generateDataset(session.config.data);
    }
    if (!r.ok()) {
        result.error = r.error();
        return result;
    }
    const Dataset &d = session.dataset;
    if (std::string error = validateConfig(session.config, d.task, d.classCount); !error.empty()) {
        result.error = error;
        return result;
    }
    if (session.state) {
        // The state must fit the network this config and data build.
        Trainer trainer;
        if (std::string error = trainer.reset(session.config, d); !error.empty()) {
            result.error = error;
            return result;
        }
        if (std::string error = trainer.restore(*session.state); !error.empty()) {
            result.error = "state: " + error;
            return result;
        }
    }
    result.session = std::move(session);
    return result;
}

SessionReadResult loadSession(const std::string &path)
{
    SessionReadResult result;
    std::string bytes;
    if (std::string error = readFile(path, bytes, kMaxSessionBytes); !error.empty()) {
        result.error = error;
        return result;
    }
    result = parseSession(QByteArray::fromStdString(bytes));
    if (!result.error.empty())
        result.error = path + ": " + result.error;
    return result;
}

std::string saveSession(const std::string &path, const Session &session)
{
    const QByteArray json = sessionToJson(session);
    return writeFileAtomically(path, std::string_view(json.constData(), static_cast<std::size_t>(json.size())));
}

}  // namespace np
