// Writes every fixture model in every export format, with raw points and the app's own
// predictions for them, for the runtime checks beside this file (ONNX checker, onnxruntime,
// NumPy, PyTorch). Usage: export_fixtures <output folder>

#include "fixturemodels.h"
#include "io/modelexport.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

bool writeText(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

std::string csvLine(const float *values, int count)
{
    std::string line;
    char buffer[32];
    for (int i = 0; i < count; ++i) {
        // %.9g prints every float so that it reads back exactly.
        std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(values[i]));
        line += (i ? "," : "") + std::string(buffer);
    }
    return line + "\n";
}

}  // namespace

int main(int argc, char **argv)
{
    using namespace np;
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output folder>\n", argv[0]);
        return 2;
    }
    const std::filesystem::path root(argv[1]);
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
    std::filesystem::create_directories(root, ec);
    if (ec) {
        std::fprintf(stderr, "cannot create %s: %s\n", root.c_str(), ec.message().c_str());
        return 1;
    }

    const Matrix<double> points = fixtures::fixturePoints();
    std::string pointsCsv = "x1,x2\n";
    for (Index c = 0; c < points.cols(); ++c) {
        const float p[2] = {static_cast<float>(points(0, c)), static_cast<float>(points(1, c))};
        pointsCsv += csvLine(p, 2);
    }

    std::string manifest;
    for (const fixtures::FixtureModel &f : fixtures::fixtureModels()) {
        std::string error;
        const Model model = fixtures::trainFixture(f, error);
        if (!error.empty()) {
            std::fprintf(stderr, "%s: %s\n", f.name.c_str(), error.c_str());
            return 1;
        }
        const std::filesystem::path dir = root / f.name;
        std::filesystem::create_directories(dir, ec);
        for (ModelFormat format : {ModelFormat::Json, ModelFormat::Onnx, ModelFormat::Safetensors, ModelFormat::Npz}) {
            const std::string path = (dir / ("model" + std::string(modelFormatExtension(format)))).string();
            if (std::string e = exportModel(model, format, path); !e.empty()) {
                std::fprintf(stderr, "%s: %s\n", f.name.c_str(), e.c_str());
                return 1;
            }
        }
        const Matrix<Scalar> expected = predict(model, points);  // outputs x n
        std::string expectedCsv;
        for (int o = 0; o < model.outputs; ++o)
            expectedCsv += (o ? ",y" : "y") + std::to_string(o);
        expectedCsv += "\n";
        for (Index c = 0; c < expected.cols(); ++c)
            expectedCsv += csvLine(expected.col(c).data(), model.outputs);
        if (!writeText(dir / "points.csv", pointsCsv) || !writeText(dir / "expected.csv", expectedCsv)) {
            std::fprintf(stderr, "%s: cannot write the CSV files\n", f.name.c_str());
            return 1;
        }
        manifest += f.name + "\n";
        std::printf("%-22s %d inputs, %d outputs, %zu parameters\n", f.name.c_str(), model.inputs, model.outputs,
                    model.parameters.size());
    }
    if (!writeText(root / "manifest.txt", manifest))
        return 1;
    return 0;
}
