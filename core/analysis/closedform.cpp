#include "closedform.h"
#include "landscape.h"

#include <Eigen/QR>

#include <cmath>
#include <limits>

namespace np {

bool closedFormApplies(const NetworkSpec &spec)
{
    return spec.hidden.empty() && spec.head == OutputHead::Linear && spec.loss == Loss::Squared;
}

ClosedFormSolution solveNormalEquations(const Matrix<double> &x, const Matrix<double> &y, double lambda)
{
    ClosedFormSolution solution;
    const Index d = x.rows();
    const Index n = x.cols();
    if (n == 0) {
        solution.error = "there are no training points";
        return solution;
    }
    if (y.cols() != n) {
        solution.error = "inputs and targets have different numbers of points";
        return solution;
    }
    Matrix<double> xa(d + 1, n);  // inputs with a 1 appended: (d + 1) x N
    xa.topRows(d) = x;
    xa.row(d).setOnes();

    Matrix<double> A = xa * xa.transpose();  // (d + 1) x (d + 1)
    A.diagonal().head(d).array() += double(n) * lambda;
    const Matrix<double> rhs = xa * y.transpose();  // (d + 1) x outputs
    const Matrix<double> theta = A.completeOrthogonalDecomposition().solve(rhs);

    solution.W = theta.topRows(d).transpose();
    solution.b = theta.row(d).transpose();
    const Matrix<double> residual = (solution.W * x).colwise() + solution.b - y;
    solution.dataLoss = 0.5 * residual.squaredNorm() / double(n);
    solution.loss = solution.dataLoss + 0.5 * lambda * solution.W.squaredNorm();
    return solution;
}

ClosedFormSolution solveClosedForm(const Model &model, const Dataset &dataset, double lambda)
{
    if (!closedFormApplies(model.network) || model.parameters.empty()) {
        ClosedFormSolution solution;
        solution.error = "The closed form needs a network with no hidden layer, a linear output and squared loss.";
        return solution;
    }
    const LandscapeData data = landscapeData(model, dataset);
    return solveNormalEquations(data.x.cast<double>(), data.y.cast<double>(), lambda);
}

double distanceToSolution(const Model &model, const ClosedFormSolution &solution)
{
    if (!solution.error.empty() || model.parameters.empty() || !closedFormApplies(model.network))
        return std::numeric_limits<double>::quiet_NaN();
    const Network<Scalar> net = model.instantiate();
    if (net.layerCount() != 1 || net.W(0).rows() != solution.W.rows() || net.W(0).cols() != solution.W.cols())
        return std::numeric_limits<double>::quiet_NaN();
    const double w = (net.W(0).cast<double>() - solution.W).squaredNorm();
    const double b = (net.b(0).cast<double>() - solution.b).squaredNorm();
    return std::sqrt(w + b);
}

}  // namespace np
