#include "predictcommand.h"

#include "support.h"

#include "analysis/prediction.h"
#include "common/atomicwrite.h"
#include "data/csv.h"
#include "io/modeljson.h"
#include "io/sessionjson.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace np::cli {

const std::vector<Flag> kPredictFlags = {
    {"session", 'm', "FILE", "trained session (this or --model)"},
    {"model", 0, "FILE", "model exported as JSON (this or --session)"},
    {"input", 'i', "FILE", "CSV of points with columns x1,x2 (default: standard input)"},
    {"output", 'o', "FILE", "where to write the predictions as CSV (default: standard output)"},
    {"help", 'h', "", "show this help"},
};

namespace {

// True when every comma-separated field of a line reads as a number (so it is not a header).
bool allNumbers(const std::string &line)
{
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, ',')) {
        char *end = nullptr;
        std::strtod(field.c_str(), &end);
        while (end && (*end == ' ' || *end == '\t'))
            ++end;
        if (end == field.c_str() || (end && *end != '\0'))
            return false;
    }
    return true;
}

// The model of --session (a trained session) or --model (an exported model JSON).
bool predictionModel(const Options &options, Model &model, int &code)
{
    const auto sessionPath = options.value("session");
    const auto modelPath = options.value("model");
    if (sessionPath.has_value() == modelPath.has_value()) {
        code = fail("predict needs either --session FILE (a trained session) or --model FILE (an exported "
                    "model JSON)", kUsageError);
        return false;
    }
    if (modelPath) {
        ModelReadResult read = loadModelJson(*modelPath);
        if (!read.model) {
            code = fail(read.error);
            return false;
        }
        model = std::move(*read.model);
        return true;
    }
    SessionReadResult read = loadSession(*sessionPath);
    if (!read.session) {
        code = fail(read.error);
        return false;
    }
    Trainer trainer;
    if (std::string e = startTrainer(*read.session, trainer); !e.empty()) {
        code = fail(*sessionPath + ": " + e);
        return false;
    }
    if (!read.session->state)
        std::fprintf(stderr, "neural-playground-cli: note: %s has no trained state; predicting with the "
                             "initial weights\n", sessionPath->c_str());
    model = trainer.model();
    return true;
}

}  // namespace

int runPredict(const Options &options)
{
    Model model;
    int code = 0;
    if (!predictionModel(options, model, code))
        return code;

    std::string text;
    std::string inputName = "standard input";
    if (const auto input = options.value("input")) {
        inputName = *input;
        if (std::string e = readFile(*input, text, kMaxCsvBytes); !e.empty())
            return fail(e);
    } else {
        std::ostringstream all;
        all << std::cin.rdbuf();
        text = all.str();
    }
    // Points only: append a dummy label column so the dataset reader can parse them.
    std::istringstream lines(text);
    std::string line, withLabels;
    bool first = true;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#') {
            withLabels += "\n";
            continue;
        }
        const bool header = first && !allNumbers(line);
        withLabels += line + (header ? ",label\n" : ",0\n");
        first = false;
    }
    CsvReadResult points = parseCsv(withLabels);
    if (!points.dataset)
        return fail(inputName + ": " + points.error);

    Matrix<double> xy(2, static_cast<Index>(points.dataset->points.size()));
    for (std::size_t i = 0; i < points.dataset->points.size(); ++i) {
        xy(0, static_cast<Index>(i)) = points.dataset->points[i].x1;
        xy(1, static_cast<Index>(i)) = points.dataset->points[i].x2;
    }
    const Matrix<Scalar> out = predict(model, xy);
    const Matrix<Scalar> probabilities = classProbabilities(model, out);

    std::ostringstream csv;
    csv.precision(9);
    csv << "x1,x2";
    if (model.task == Task::Regression) {
        csv << ",value\n";
    } else {
        csv << ",class";
        if (probabilities.size() > 0) {
            for (int k = 0; k < model.classCount; ++k)
                csv << ",p" << k;
        } else {
            for (int k = 0; k < model.outputs; ++k)
                csv << ",score" << k;
        }
        csv << "\n";
    }
    for (Index c = 0; c < xy.cols(); ++c) {
        csv << xy(0, c) << "," << xy(1, c);
        if (model.task == Task::Regression) {
            csv << "," << out(0, c);
        } else {
            csv << "," << predictedClass<Scalar>(model.network.head, out.col(c).data(), model.outputs);
            const Matrix<Scalar> &values = probabilities.size() > 0 ? probabilities : out;
            for (Index k = 0; k < values.rows(); ++k)
                csv << "," << values(k, c);
        }
        csv << "\n";
    }
    if (const auto output = options.value("output")) {
        if (std::string e = writeFileAtomically(*output, csv.str()); !e.empty())
            return fail(e);
    } else {
        std::fwrite(csv.str().data(), 1, csv.str().size(), stdout);
    }
    return 0;
}

}  // namespace np::cli
