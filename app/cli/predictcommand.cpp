#include "predictcommand.h"

#include "support.h"

#include "analysis/prediction.h"
#include "common/atomicwrite.h"
#include "data/csv.h"
#include "io/modeljson.h"
#include "io/sessionjson.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace np::cli {

const std::vector<Flag> kPredictFlags = {
    {"session", 'm', "FILE", "trained session (this or --model)"},
    {"model", 0, "FILE", "model exported as JSON (this or --session)"},
    {"input", 'i', "FILE", "CSV of points: x1,x2, or what 'data' writes (labels: accuracy reported) (default: standard input)"},
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

// The points of a CSV, with their labels or targets when it has them (error then empty): what
// 'data' writes (x1,x2,label[,split]), the header-less x1,x2,y that the dataset reader takes,
// or points alone (two columns, with or without a header; error then says "unlabelled").
CsvReadResult readPoints(const std::string &text)
{
    std::istringstream lines(text);
    std::string line, firstLine;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty() && line[0] != '#') {
            firstLine = line;
            break;
        }
    }
    const auto fields = std::count(firstLine.begin(), firstLine.end(), ',') + 1;
    const bool header = !firstLine.empty() && !allNumbers(firstLine);
    std::transform(firstLine.begin(), firstLine.end(), firstLine.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const bool named = header && (firstLine.find("label") != std::string::npos || firstLine.find("class") != std::string::npos
                                  || firstLine.find("target") != std::string::npos
                                  || firstLine.find("value") != std::string::npos);
    if (named || (!header && fields >= 3))
        return parseCsv(text);  // labels or targets are there: the dataset reader takes it as it is

    // Points only: append a dummy label column so the dataset reader can parse them.
    std::istringstream again(text);
    std::string withLabels;
    bool first = true;
    while (std::getline(again, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#') {
            withLabels += "\n";
            continue;
        }
        withLabels += line + (first && header ? ",label\n" : ",0\n");
        first = false;
    }
    CsvReadResult read = parseCsv(withLabels);
    if (read.dataset)
        read.error = "unlabelled";
    return read;
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
    CsvReadResult points = readPoints(text);
    if (!points.dataset)
        return fail(inputName + ": " + points.error);
    // Labels or targets beside the points (what 'data' writes): predicted against, when they
    // are of the model's kind; a split column is read and ignored.
    const bool labelled = points.error.empty() && points.dataset->task == model.task
                          && (model.task == Task::Regression || points.dataset->classCount <= model.classCount);
    if (points.error.empty() && !labelled)
        std::fprintf(stderr, "neural-playground-cli: note: the third column of %s is not a %s for this model; "
                             "it is ignored\n", inputName.c_str(),
                     model.task == Task::Regression ? "target" : "class label");

    Matrix<double> xy(2, static_cast<Index>(points.dataset->points.size()));
    for (std::size_t i = 0; i < points.dataset->points.size(); ++i) {
        xy(0, static_cast<Index>(i)) = points.dataset->points[i].x1;
        xy(1, static_cast<Index>(i)) = points.dataset->points[i].x2;
    }
    const Matrix<Scalar> out = predict(model, xy);
    const Matrix<Scalar> probabilities = classProbabilities(model, out);

    const std::vector<DataPoint> &given = points.dataset->points;
    std::ostringstream csv;
    csv.precision(9);
    csv << "x1,x2";
    if (labelled)
        csv << (model.task == Task::Regression ? ",target" : ",label");
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
    long long correct = 0;
    double squaredError = 0.0;
    for (Index c = 0; c < xy.cols(); ++c) {
        const DataPoint &p = given[static_cast<std::size_t>(c)];
        csv << xy(0, c) << "," << xy(1, c);
        if (labelled) {
            if (model.task == Task::Regression)
                csv << "," << p.target;
            else
                csv << "," << p.label;
        }
        if (model.task == Task::Regression) {
            csv << "," << out(0, c);
            squaredError += (double(out(0, c)) - p.target) * (double(out(0, c)) - p.target);
        } else {
            const int predicted = predictedClass<Scalar>(model.network.head, out.col(c).data(), model.outputs);
            correct += predicted == p.label ? 1 : 0;
            csv << "," << predicted;
            const Matrix<Scalar> &values = probabilities.size() > 0 ? probabilities : out;
            for (Index k = 0; k < values.rows(); ++k)
                csv << "," << values(k, c);
        }
        csv << "\n";
    }
    if (labelled && xy.cols() > 0) {
        // On standard error: standard output is the CSV.
        if (model.task == Task::Regression)
            std::fprintf(stderr, "rmse %.6g on %lld points with targets\n",
                         std::sqrt(squaredError / double(xy.cols())), static_cast<long long>(xy.cols()));
        else
            std::fprintf(stderr, "accuracy %.2f%% (%lld of %lld labelled points)\n",
                         100.0 * double(correct) / double(xy.cols()), correct, static_cast<long long>(xy.cols()));
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
