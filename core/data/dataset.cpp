#include "dataset.h"

#include <algorithm>
#include <cstring>

namespace np {

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
    switch (task) {
    case Task::Classification:
        return "classification";
    case Task::Regression:
        return "regression";
    }
    return "classification";
}

bool parseTask(const char *name, Task &task)
{
    if (!name)
        return false;
    for (Task candidate : {Task::Classification, Task::Regression}) {
        if (std::strcmp(name, taskName(candidate)) == 0) {
            task = candidate;
            return true;
        }
    }
    return false;
}

}  // namespace np
