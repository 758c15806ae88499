#include "dataset.h"

#include "../common/enumtable.h"

#include <algorithm>

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

const char *taskName(Task task)
{
    const EnumName<Task> *row = kTasks.find(task);
    return row ? row->key : "classification";
}

bool parseTask(const char *name, Task &task)
{
    return name && kTasks.parse(name, task);
}

}  // namespace np
