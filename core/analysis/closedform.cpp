#include "closedform.h"

#include <Eigen/QR>

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
    solution.loss = 0.5 * residual.squaredNorm() / double(n) + 0.5 * lambda * solution.W.squaredNorm();
    return solution;
}

}  // namespace np
