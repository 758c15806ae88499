#include "dataset.h"

#include "../common/enumtable.h"

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr auto kTasks = enumNames<Task>({
    {Task::Classification, "classification"},
    {Task::Regression, "regression"},
});

}  // namespace

int Dataset::trainCount() const
{
    return static_cast<int>(std::count_if(points.begin(), points.end(),
                                          [](const DataPoint &p) { return !p.validation; }));
}

int Dataset::validationCount() const
{
    return static_cast<int>(points.size()) - trainCount();
}

const char *taskName(Task task) { return kTasks.key(task); }

bool parseTask(const char *name, Task &task)
{
    return name && kTasks.parse(name, task);
}

std::string validateDataset(const Dataset &dataset)
{
    if (dataset.task == Task::Classification
        && (dataset.classCount < kMinClasses || dataset.classCount > kMaxClasses))
        return "The data must have 2 to 8 classes.";
    for (std::size_t i = 0; i < dataset.points.size(); ++i) {
        const DataPoint &p = dataset.points[i];
        if (!std::isfinite(p.x1) || !std::isfinite(p.x2) || !std::isfinite(p.target))
            return "Point " + std::to_string(i + 1) + " has a coordinate or target that is not a finite number.";
        if (dataset.task == Task::Classification && (p.label < 0 || p.label >= dataset.classCount))
            return "Point " + std::to_string(i + 1) + " has class " + std::to_string(p.label)
                   + ", outside 0.." + std::to_string(dataset.classCount - 1) + ".";
    }
    return {};
}

}  // namespace np
