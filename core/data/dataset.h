#pragma once

#include <string>
#include <vector>

namespace np {

enum class Task { Classification, Regression };

inline constexpr int kMinClasses = 2;
inline constexpr int kMaxClasses = 8;

/// One 2-D example. `label` is the class (classification), `target` the value (regression).
struct DataPoint
{
    double x1 = 0.0;
    double x2 = 0.0;
    int label = 0;
    double target = 0.0;
    bool validation = false;

    bool operator==(const DataPoint &) const = default;
};

/// The user's data: plain values, cheap to copy for undo and for the worker thread.
struct Dataset
{
    Task task = Task::Classification;
    int classCount = 2;  ///< 2..8 for classification; ignored for regression
    std::vector<DataPoint> points;

    int trainCount() const;
    int validationCount() const;
    bool isClassification() const { return task == Task::Classification; }

    bool operator==(const Dataset &) const = default;
};

const char *taskName(Task task);
bool parseTask(const char *name, Task &task);

/// Empty when the data can be trained on (2..8 classes, finite coordinates and targets, every
/// label a class), otherwise a sentence naming the first problem.
std::string validateDataset(const Dataset &dataset);

}  // namespace np
