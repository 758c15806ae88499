// Model JSON (what `neural-playground-cli predict -m` reads): refused with a message, or a model
// whose shapes chain, that predicts, and that saves and reloads to the same model.

#include "analysis/prediction.h"
#include "contract.h"
#include "io/modeljson.h"

#include <cmath>

using namespace np;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const char *loader = "model loader";
    const ModelReadResult read = parseModelJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!read.model) {
        fuzz::requireMessage(loader, read.error);
        return 0;
    }
    const Model &m = *read.model;
    if (m.inputs != m.features.count())
        fuzz::broken(loader, "inputs do not match the features");
    int expected = 0;
    for (int n : parameterCounts(m.network, m.inputs, m.outputs))
        expected += n;
    if (int(m.parameters.size()) != expected)
        fuzz::broken(loader, "the parameters do not fit the layers");
    for (float w : m.parameters) {
        if (!std::isfinite(w))
            fuzz::broken(loader, "accepted a weight that is not finite");
    }
    Matrix<double> points(2, 3);
    points << 0.0, 1.5, -2.0, 0.0, -0.5, 3.0;
    if (predict(m, points).cols() != 3)
        fuzz::broken(loader, "the model does not predict");
    const ExportResult saved = encodeModelJson(m);
    if (!saved.error.empty())
        fuzz::broken(loader, "an accepted model does not save: " + saved.error);
    const ModelReadResult again = parseModelJson(QByteArray::fromStdString(saved.bytes));
    if (!again.model)
        fuzz::broken(loader, "what it saved does not load: " + again.error);
    if (again.model->parameters != m.parameters)
        fuzz::broken(loader, "saved and reloaded, the weights differ");
    fuzz::requireSameText(loader, saved.bytes, encodeModelJson(*again.model).bytes);
    return 0;
}
