#include "folding.h"

#include "prediction.h"

namespace np {

namespace {

// Every layer's activations for raw points (2 x N): space 0 is the points themselves.
std::vector<Matrix<double>> spacesOf(const Model &model, Network<Scalar> &net, const Matrix<double> &xy)
{
    std::vector<Matrix<double>> spaces;
    spaces.push_back(xy);
    if (xy.cols() == 0) {
        for (int l = 0; l < net.layerCount(); ++l)
            spaces.emplace_back(net.layer(l).units, 0);
        return spaces;
    }
    const Matrix<Scalar> x = modelInputs(model, xy);
    net.forward(ConstMatrixMap<Scalar>(x.data(), x.rows(), x.cols()), Mode::Eval);
    for (int l = 0; l < net.layerCount(); ++l)
        spaces.push_back(net.a(l).cast<double>());
    return spaces;
}

}  // namespace

FoldingMesh computeFolding(const Model &model, const std::vector<DataPoint> &points, const GridSpec &area, int side,
                           Network<Scalar> *scratch)
{
    FoldingMesh mesh;
    mesh.side = std::max(side, 2);
    Network<Scalar> local;
    Network<Scalar> &net = scratch ? *scratch : local;
    model.loadInto(net);

    const Index vertices = Index(mesh.side) * mesh.side;
    Matrix<double> grid(2, vertices);
    for (int r = 0; r < mesh.side; ++r) {
        for (int c = 0; c < mesh.side; ++c) {
            grid(0, Index(r) * mesh.side + c) = area.xMin + (area.xMax - area.xMin) * c / (mesh.side - 1);
            grid(1, Index(r) * mesh.side + c) = area.yMax - (area.yMax - area.yMin) * r / (mesh.side - 1);
        }
    }
    mesh.vertices = spacesOf(model, net, grid);

    Matrix<double> xy(2, static_cast<Index>(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) {
        xy(0, Index(i)) = points[i].x1;
        xy(1, Index(i)) = points[i].x2;
    }
    mesh.points = spacesOf(model, net, xy);

    const int cells = mesh.side - 1;
    Matrix<double> centres(2, Index(cells) * cells);
    for (int r = 0; r < cells; ++r) {
        for (int c = 0; c < cells; ++c) {
            centres(0, Index(r) * cells + c) = area.xMin + (area.xMax - area.xMin) * (c + 0.5) / cells;
            centres(1, Index(r) * cells + c) = area.yMax - (area.yMax - area.yMin) * (r + 0.5) / cells;
        }
    }
    const Matrix<Scalar> x = modelInputs(model, centres);
    net.forward(ConstMatrixMap<Scalar>(x.data(), x.rows(), x.cols()), Mode::Eval);  // as predict() does
    const auto out = net.output();
    mesh.cellClass.resize(static_cast<std::size_t>(centres.cols()));
    mesh.cellValue.resize(static_cast<std::size_t>(centres.cols()));
    for (Index i = 0; i < centres.cols(); ++i) {
        const Scalar *a = out.data() + i * out.rows();
        mesh.cellValue[static_cast<std::size_t>(i)] = a[0];
        mesh.cellClass[static_cast<std::size_t>(i)] =
            model.task == Task::Classification ? predictedClass<Scalar>(model.network.head, a, model.outputs) : -1;
    }
    return mesh;
}

}  // namespace np
