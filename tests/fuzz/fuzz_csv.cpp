// CSV datasets: refused with a message naming the line, or valid points (finite, labels within
// the classes, at most kMaxCsvPoints) that write and read back as the same dataset.

#include "contract.h"
#include "data/csv.h"

#include <cmath>

using namespace np;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const char *loader = "CSV loader";
    const CsvReadResult read = parseCsv(std::string_view(reinterpret_cast<const char *>(data), size));
    if (!read.dataset) {
        fuzz::requireMessage(loader, read.error);
        return 0;
    }
    const Dataset &d = *read.dataset;
    if (d.points.size() > std::size_t(kMaxCsvPoints))
        fuzz::broken(loader, "accepted too many points");
    if (d.isClassification() && (d.classCount < kMinClasses || d.classCount > kMaxClasses))
        fuzz::broken(loader, "accepted " + std::to_string(d.classCount) + " classes");
    for (const DataPoint &p : d.points) {
        if (!std::isfinite(p.x1) || !std::isfinite(p.x2) || (!d.isClassification() && !std::isfinite(p.target)))
            fuzz::broken(loader, "accepted a point that is not finite");
        if (d.isClassification() && (p.label < 0 || p.label >= d.classCount))
            fuzz::broken(loader, "accepted a label outside the classes");
    }
    const std::string saved = formatCsv(d);
    const CsvReadResult again = parseCsv(saved);
    if (!again.dataset)
        fuzz::broken(loader, "what it wrote does not read: " + again.error);
    if (*again.dataset != d)
        fuzz::broken(loader, "written and read back, the dataset differs");
    return 0;
}
