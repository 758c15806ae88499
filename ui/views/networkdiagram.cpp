#include "networkdiagram.h"

#include "colors.h"
#include "document.h"
#include "geometry.h"
#include "numberformat.h"
#include "trainingcontroller.h"
#include "undocommands.h"

#include <QFontMetricsF>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QUndoStack>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace np {

namespace {

// Wide layers draw only each unit's strongest inputs, so 8 x 64 stays readable and paints fast
// (each antialiased line costs microseconds): the whole network shares about kEdgeBudget lines.
constexpr int kEdgeBudget = 1600;
constexpr int kFullLayerEdges = 256;  // a layer with at most this many edges draws all of them
constexpr int kMinIncoming = 3;
constexpr int kLevels = 6;          // edge strengths are drawn with this many pens per sign
constexpr int kFormulaTerms = 4;    // more inputs than this: the largest three and "…"
constexpr int kNeuronResolution = 40;

const QRgb kDeadColor = qRgb(120, 120, 120);
const QRgb kSaturatedColor = qRgb(214, 39, 40);

QColor signColor(double w)
{
    return classColor(w >= 0 ? 1 : 0);  // blue positive, orange negative, as the maps
}

// The name of g in a formula; empty for the identity.
QString activationFunction(Activation g)
{
    switch (g) {
    case Activation::Step:
        return QStringLiteral("step");
    case Activation::Linear:
        return {};
    case Activation::Sigmoid:
        return QStringLiteral("σ");
    case Activation::Tanh:
        return QStringLiteral("tanh");
    case Activation::ReLU:
        return QStringLiteral("ReLU");
    case Activation::LeakyReLU:
        return QStringLiteral("LReLU");
    case Activation::ELU:
        return QStringLiteral("ELU");
    case Activation::Softplus:
        return QStringLiteral("softplus");
    case Activation::AbsReLU:
        return QStringLiteral("abs");
    case Activation::Maxout:
        return QStringLiteral("max");
    case Activation::GELU:
        return QStringLiteral("GELU");
    case Activation::SiLU:
        return QStringLiteral("SiLU");
    }
    return {};
}

bool bounded(Activation g)
{
    return g == Activation::Sigmoid || g == Activation::Tanh;
}

}  // namespace

// The closest units may sit: their maps stay a recognisable picture (about 10 pixels).
double NetworkDiagram::minimumPitch(double em)
{
    return std::max(8.0, 0.75 * em);
}

double NetworkDiagram::legendKeyWidth(const LegendItem &item, double em)
{
    switch (item.key) {
    case LegendItem::Positive:
    case LegendItem::Negative:
        return 1.5 * em + em / 3;
    case LegendItem::Text:
        return 0;
    default:
        return em;
    }
}

/// One column of units, all maps the same size, centred on the column's slot.
struct NetworkDiagram::Column
{
    int units = 0;
    double x = 0;      ///< left edge of the maps
    double top = 0;    ///< top of unit 0's map
    double pitch = 0;  ///< from one map's top to the next
    double map = 0;    ///< side of a map

    QRectF rect(int u) const { return {x, top + u * pitch, map, map}; }
    QPointF in(int u) const { return {x, top + u * pitch + map / 2}; }
    QPointF out(int u) const { return {x + map, top + u * pitch + map / 2}; }
};

/// Where everything goes for one rectangle and font; rebuilt only when the shape, size or font
/// changes, so a new frame merely re-sorts the edges into pens.
struct NetworkDiagram::Geometry
{
    QRectF bounds;
    double em = 12;
    double pad = 6;
    QRectF title;
    double headerTop = 0;
    double labelWidth = 0;  ///< input names left of the first column
    std::vector<LegendItem> legendItems;
    std::vector<QPointF> legendPositions;  ///< top left of each item (its key, then its text)
    double biasRadius = 3;
    std::vector<Column> columns;

    /// The edge to unit i of column c from unit j of c - 1. Computed, not stored: a few
    /// multiplications, where a table would take 32 MB for two 1024-unit layers.
    QLineF edge(int c, int i, int j) const
    {
        return {columns[std::size_t(c - 1)].out(j), columns[std::size_t(c)].in(i)};
    }
};

/// The drawn edges of the current weights, sorted into pens: [dense][sign][level].
struct NetworkDiagram::EdgeBuckets
{
    std::array<std::vector<QLineF>, 2 * 2 * kLevels> lines;
    std::vector<std::vector<std::uint8_t>> drawn;  ///< per column, per edge
    std::vector<int> drawnCount;                   ///< per column
    std::vector<float> magnitudes;                 ///< scratch for the selection
    double width = 1;                              ///< pen width unit (em / 16)

    static std::size_t index(bool dense, bool positive, int level)
    {
        return (std::size_t(dense) * 2 + std::size_t(positive)) * kLevels + std::size_t(level);
    }
};

NetworkDiagram::NetworkDiagram(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    setFrame(ViewFrame{});  // the shape of a default model until the first frame arrives
}

NetworkDiagram::~NetworkDiagram() = default;

ViewNeeds NetworkDiagram::addNeeds(ViewNeeds needs)
{
    needs.neuronMaps = true;
    needs.neuronResolution = kNeuronResolution;
    return needs;
}

QString NetworkDiagram::figureName() const
{
    return QStringLiteral("network");
}

QString NetworkDiagram::figureTitle() const
{
    return tr("Network");
}

void NetworkDiagram::setFrame(const ViewFrame &frame)
{
    const Model &old = m_frame.model;
    const Model &model = frame.model;
    const bool sameShape = m_net.layerCount() > 0 && model.network == old.network && model.inputs == old.inputs
                           && model.outputs == old.outputs && model.features == old.features;
    m_frame = frame;
    if (!sameShape) {
        closeEditor();
        m_hover = {};
        m_net = Network<Scalar>(model.network, model.inputs, model.outputs);
        m_units.assign(1, model.inputs);
        for (int l = 0; l < m_net.layerCount(); ++l)
            m_units.push_back(m_net.layer(l).units);
        m_inputNames.clear();
        for (Feature f : model.features.list())
            m_inputNames.push_back(QString::fromUtf8(featureName(f)));
        m_inputNames.resize(std::size_t(model.inputs));
        m_geometry.reset();
        updateGeometry();
    }
    if (model.parameters.size() == m_net.parameters().size())
        std::copy(model.parameters.begin(), model.parameters.end(), m_net.parameters().begin());

    float largest = 0;
    for (int l = 0; l < m_net.layerCount(); ++l)
        largest = std::max(largest, m_net.W(l).size() ? m_net.W(l).cwiseAbs().maxCoeff() : 0.0f);
    m_weightScale = std::isfinite(largest) && largest > 0 ? largest : 1.0f;
    m_bucketsValid = false;
    update();
}

void NetworkDiagram::setEditTarget(TrainingController *controller, Document *document)
{
    m_controller = controller;
    m_document = document;
}

// --- layout -------------------------------------------------------------------------------------

NetworkDiagram::Geometry NetworkDiagram::layout(const QRectF &rect, const FigureOptions &options) const
{
    const QFontMetricsF fm(font());
    Geometry g;
    g.bounds = rect;
    const double em = g.em = fm.height();
    g.pad = std::round(em / 2);
    double top = rect.top() + g.pad;
    if (options.title) {
        g.title = QRectF(rect.left() + g.pad, top, rect.width() - 2 * g.pad, 1.5 * em);
        top += 1.5 * em;
    }
    g.headerTop = top;
    top += 2 * em + g.pad;
    // The legend flows into as many lines as the width needs, at the bottom.
    double legendHeight = 0;
    if (options.legend) {
        g.legendItems = legendItems();
        double x = rect.left() + g.pad;
        int line = 0;
        for (const LegendItem &item : g.legendItems) {
            const double width = legendKeyWidth(item, em) + fm.horizontalAdvance(item.text);
            if (x > rect.left() + g.pad && x + width > rect.right() - g.pad) {
                x = rect.left() + g.pad;
                ++line;
            }
            g.legendPositions.emplace_back(x, line);
            x += width + em;
        }
        legendHeight = (line + 1) * em + g.pad;
        for (QPointF &p : g.legendPositions)
            p.setY(rect.bottom() - g.pad - legendHeight + g.pad + p.y() * em);
    }
    const double bottom = rect.bottom() - g.pad - legendHeight;

    for (const QString &name : m_inputNames)
        g.labelWidth = std::max(g.labelWidth, fm.horizontalAdvance(name));
    g.labelWidth += g.pad;

    const int count = columnCount();
    const double left = rect.left() + g.pad + g.labelWidth;
    const double slot = (rect.right() - g.pad - left) / count;
    const double height = std::max(1.0, bottom - top);
    const double maxMap = 5 * em;
    const double minPitch = minimumPitch(em);
    g.columns.resize(std::size_t(count));
    for (int c = 0; c < count; ++c) {
        Column &column = g.columns[std::size_t(c)];
        column.units = m_units[std::size_t(c)];
        column.pitch = std::clamp(height / column.units, minPitch, maxMap / 0.8);
        // Maps leave more than half of each slot to the edges, so their slopes stay readable.
        column.map = std::floor(std::max(4.0, std::min({0.8 * column.pitch, 0.45 * slot, maxMap})));
        column.x = std::round(left + (c + 0.5) * slot - column.map / 2);
        const double extent = (column.units - 1) * column.pitch + column.map;
        column.top = std::round(top + std::max(0.0, (height - extent) / 2));
    }
    g.biasRadius = 0.3 * em;
    for (const Column &column : g.columns)
        g.biasRadius = std::min(g.biasRadius, std::clamp(0.12 * column.map, 2.0, 0.3 * em));
    return g;
}

QSize NetworkDiagram::minimumSizeHint() const
{
    const QFontMetricsF fm(font());
    const double em = fm.height();
    double label = 0;
    for (const QString &name : m_inputNames)
        label = std::max(label, fm.horizontalAdvance(name));
    const int widest = *std::max_element(m_units.begin(), m_units.end());
    const double width = 2 * em + label + columnCount() * 3.5 * em;
    const double height = 6 * em + widest * minimumPitch(em);  // title, legend (maybe two lines), pads
    return {int(std::ceil(width)), int(std::ceil(height))};
}

QSize NetworkDiagram::sizeHint() const
{
    const QSize minimum = minimumSizeHint();
    return {std::max(minimum.width(), 640), std::max(minimum.height(), 420)};
}

void NetworkDiagram::ensureGeometry() const
{
    if (!m_geometry || m_geometry->bounds != QRectF(rect()) || m_geometry->em != QFontMetricsF(font()).height()) {
        FigureOptions options;
        options.title = false;
        m_geometry = std::make_unique<Geometry>(layout(rect(), options));
        m_bucketsValid = false;
    }
}

void NetworkDiagram::ensureBuckets() const
{
    ensureGeometry();
    if (m_bucketsValid && m_buckets)
        return;
    if (!m_buckets)
        m_buckets = std::make_unique<EdgeBuckets>();
    selectEdges(*m_geometry, *m_buckets);
    m_bucketsValid = true;
}

void NetworkDiagram::selectEdges(const Geometry &g, EdgeBuckets &b) const
{
    for (std::vector<QLineF> &lines : b.lines)
        lines.clear();  // keeps the capacity: a steady shape allocates nothing here
    b.width = g.em / 16;
    const int count = columnCount();
    b.drawn.resize(std::size_t(count));
    b.drawnCount.assign(std::size_t(count), 0);
    if (m_net.layerCount() + 1 != count)
        return;
    for (int c = 1; c < count; ++c) {
        const int in = m_units[std::size_t(c - 1)];
        const int out = m_units[std::size_t(c)];
        std::vector<std::uint8_t> &drawn = b.drawn[std::size_t(c)];
        drawn.assign(std::size_t(in) * std::size_t(out), 1);
        const int keep = incomingDrawn(c);
        const bool dense = in * out > kFullLayerEdges;
        b.magnitudes.resize(std::size_t(in));
        for (int i = 0; i < out; ++i) {
            for (int j = 0; j < in; ++j)
                b.magnitudes[std::size_t(j)] = std::abs(weight(c, i, j));
            // The keep-th largest magnitude; equal ones fill the quota in order (a zero-initialised
            // layer has nothing but ties).
            float threshold = 0;
            int ties = in;
            if (keep < in) {
                std::vector<float> &m = b.magnitudes;
                std::nth_element(m.begin(), m.begin() + (keep - 1), m.end(), std::greater<>());
                threshold = m[std::size_t(keep - 1)];
                ties = keep - int(std::count_if(m.begin(), m.end(), [threshold](float v) { return v > threshold; }));
            }
            for (int j = 0; j < in; ++j) {
                const std::size_t e = std::size_t(i) * std::size_t(in) + std::size_t(j);
                const float w = weight(c, i, j);
                const bool tie = std::abs(w) == threshold;
                if (std::abs(w) < threshold || (tie && ties <= 0) || !std::isfinite(w)) {
                    drawn[e] = 0;
                    continue;
                }
                ties -= tie;
                ++b.drawnCount[std::size_t(c)];
                const double t = strength(w);
                const int level = std::min(kLevels - 1, int(t * kLevels));
                b.lines[EdgeBuckets::index(dense, w >= 0, level)].push_back(g.edge(c, i, j));
            }
        }
    }
}

double NetworkDiagram::strength(float w) const
{
    // The square root keeps the weaker layers of a net with a few large weights visible.
    return std::sqrt(std::min(1.0, double(std::abs(w)) / m_weightScale));
}

int NetworkDiagram::incomingDrawn(int column) const
{
    const int in = m_units[std::size_t(column - 1)];
    const int out = m_units[std::size_t(column)];
    if (in * out <= kFullLayerEdges)
        return in;
    return std::clamp(kEdgeBudget / (columnCount() - 1) / out, kMinIncoming, in);
}

// --- model access -------------------------------------------------------------------------------

float NetworkDiagram::weight(int column, int i, int j, int *row) const
{
    const LayerShape &shape = m_net.layer(column - 1);
    const auto W = m_net.W(column - 1);
    if (shape.pieces == 1) {
        if (row)
            *row = i;
        return W(i, j);
    }
    // A maxout unit shows its strongest piece.
    int best = i * shape.pieces;
    for (int r = best + 1; r < (i + 1) * shape.pieces; ++r)
        best = std::abs(W(r, j)) > std::abs(W(best, j)) ? r : best;
    if (row)
        *row = best;
    return W(best, j);
}

float NetworkDiagram::bias(int column, int row) const
{
    return hasBias(column) ? m_net.b(column - 1)(row) : 0.0f;
}

bool NetworkDiagram::hasBias(int column) const
{
    return column >= 1 && column <= m_net.layerCount() && m_net.b(column - 1).size() > 0;
}

float NetworkDiagram::value(const Hit &hit) const
{
    if (hit.kind == Hit::Edge)
        return m_net.W(hit.column - 1)(hit.row, hit.from);
    if (hit.kind == Hit::Bias)
        return bias(hit.column, hit.row);
    return 0.0f;
}

const QImage &NetworkDiagram::neuronImage(int column, int unit) const
{
    static const QImage none;
    const NeuronMaps *maps = m_frame.neurons.get();
    if (!maps)
        return none;
    const auto u = std::size_t(unit);
    if (column == 0)
        return u < maps->inputs.size() ? maps->inputs[u] : none;
    const auto l = std::size_t(column - 1);
    return l < maps->layers.size() && u < maps->layers[l].size() ? maps->layers[l][u] : none;
}

UnitState NetworkDiagram::unitState(int column, int unit) const
{
    const NeuronMaps *maps = m_frame.neurons.get();
    if (!maps || column < 1)
        return UnitState::Normal;
    const auto l = std::size_t(column - 1);
    const auto u = std::size_t(unit);
    return l < maps->states.size() && u < maps->states[l].size() ? maps->states[l][u] : UnitState::Normal;
}

QString NetworkDiagram::unitName(int column, int unit) const
{
    if (column == 0)
        return m_inputNames[std::size_t(unit)];
    return QStringLiteral("a[%1]").arg(column) + subscript(unit + 1);
}

QString NetworkDiagram::columnTitle(int column) const
{
    if (column == 0)
        return tr("Input");
    if (column == columnCount() - 1)
        return tr("Output");
    return tr("Hidden %1").arg(column);
}

QString NetworkDiagram::columnSubtitle(int column) const
{
    if (column == 0)
        return m_units[0] == 1 ? tr("1 feature") : tr("%1 features").arg(m_units[0]);
    if (column == columnCount() - 1)
        return QString::fromUtf8(headTitle(m_frame.model.network.head)).toLower();
    const LayerSpec &spec = m_frame.model.network.hidden[std::size_t(column - 1)];
    QString text = QStringLiteral("%1 %2").arg(spec.units).arg(QString::fromUtf8(activationInfo(spec.activation).title));
    if (spec.batchNorm)
        text += tr(" · BN");
    if (spec.dropout > 0)
        text += tr(" · drop %1").arg(spec.dropout);
    return text;
}

QString NetworkDiagram::formula(int column, int unit) const
{
    if (column == 0) {
        const bool standardized = !m_frame.model.standardizer.isEmpty();
        return standardized ? tr("%1 (standardised)").arg(m_inputNames[std::size_t(unit)])
                            : m_inputNames[std::size_t(unit)];
    }
    const int l = column - 1;
    const LayerShape &shape = m_net.layer(l);
    const auto W = m_net.W(l);
    const int in = shape.in;

    // z for one row of W: the largest terms first when there are many, then the bias.
    auto sum = [&](int row) {
        std::vector<int> order(static_cast<std::size_t>(in));
        for (int j = 0; j < in; ++j)
            order[std::size_t(j)] = j;
        const bool elide = in > kFormulaTerms;
        if (elide) {
            std::partial_sort(order.begin(), order.begin() + (kFormulaTerms - 1), order.end(),
                              [&](int a, int b) { return std::abs(W(row, a)) > std::abs(W(row, b)); });
            order.resize(kFormulaTerms - 1);
        }
        QString text;
        auto term = [&text](double v, const QString &name) {
            const QString number = formatNumber(std::abs(v)) + (name.isEmpty() ? QString() : QStringLiteral("·") + name);
            if (text.isEmpty())
                text = v < 0 ? QChar(0x2212) + number : number;
            else
                text += (v < 0 ? QStringLiteral(" − ") : QStringLiteral(" + ")) + number;
        };
        for (int j : order)
            term(W(row, j), unitName(column - 1, j));
        if (elide)
            text += QStringLiteral(" + …");
        if (hasBias(column))
            term(m_net.b(l)(row), {});
        return shape.batchNorm ? QStringLiteral("BN(%1)").arg(text) : text;
    };

    const QString a = unitName(column, unit);
    if (shape.pieces > 1) {
        QStringList pieces, lines;
        for (int k = 0; k < shape.pieces; ++k) {
            pieces << QStringLiteral("z") + subscript(k + 1);
            lines << QStringLiteral("z%1 = %2").arg(subscript(k + 1), sum(unit * shape.pieces + k));
        }
        return QStringLiteral("%1 = max(%2)\n").arg(a, pieces.join(QStringLiteral(", "))) + lines.join(QLatin1Char('\n'));
    }
    if (shape.isOutput && m_frame.model.network.head == OutputHead::Softmax) {
        const QString z = QStringLiteral("z") + subscript(unit + 1);
        return QStringLiteral("%1 = softmax(z)%2\n%3 = %4").arg(a, subscript(unit + 1), z, sum(unit));
    }
    const QString g = activationFunction(shape.activation);
    return g.isEmpty() ? QStringLiteral("%1 = %2").arg(a, sum(unit)) : QStringLiteral("%1 = %2(%3)").arg(a, g, sum(unit));
}

QString NetworkDiagram::valueText(const Hit &hit) const
{
    if (hit.kind == Hit::Edge)
        return QStringLiteral("W[%1]%2 = %3")
            .arg(hit.column)
            .arg(subscript(QStringLiteral("₍%1,%2₎").arg(hit.row + 1).arg(hit.from + 1)), formatNumber(value(hit)));
    if (hit.kind == Hit::Bias)
        return QStringLiteral("b[%1]%2 = %3").arg(hit.column).arg(subscript(hit.row + 1), formatNumber(value(hit)));
    return {};
}

// --- geometry queries and hit testing -----------------------------------------------------------

QRectF NetworkDiagram::neuronRect(int column, int unit) const
{
    ensureGeometry();
    return m_geometry->columns[std::size_t(column)].rect(unit);
}

QPointF NetworkDiagram::biasCentre(int column, int unit) const
{
    if (!hasBias(column))
        return {};
    ensureGeometry();
    return m_geometry->columns[std::size_t(column)].rect(unit).bottomLeft();
}

QLineF NetworkDiagram::edgeLine(int column, int i, int j) const
{
    ensureGeometry();
    return m_geometry->edge(column, i, j);
}

int NetworkDiagram::drawnEdgeCount(int column) const
{
    ensureBuckets();
    return m_buckets->drawnCount[std::size_t(column)];
}

NetworkDiagram::Hit NetworkDiagram::hitTest(const QPointF &pos) const
{
    ensureBuckets();
    return hitTest(*m_geometry, pos);
}

NetworkDiagram::Hit NetworkDiagram::hitTest(const Geometry &g, const QPointF &pos) const
{
    const int count = columnCount();
    if (m_net.layerCount() + 1 != count)
        return {};
    const double slack = std::max(2.0, g.em / 6);
    for (int c = 0; c < count; ++c) {
        const Column &column = g.columns[std::size_t(c)];
        if (pos.x() < column.x - g.biasRadius - slack || pos.x() > column.x + column.map + slack)
            continue;
        const int u = std::clamp(int(std::floor((pos.y() - column.top) / column.pitch)), 0, column.units - 1);
        // The bias marker sits on the map's corner, so it wins over the map (and the unit below).
        for (int v : {u, u - 1}) {
            if (v < 0 || !hasBias(c))
                continue;
            // Over the map only the marker itself counts, so small maps stay hoverable.
            const QPointF d = pos - column.rect(v).bottomLeft();
            const double reach = column.rect(v).contains(pos) ? g.biasRadius : g.biasRadius + slack;
            if (std::hypot(d.x(), d.y()) <= reach) {
                Hit hit{Hit::Bias, c, v, -1, v};
                if (m_net.layer(c - 1).pieces > 1)
                    hit.kind = Hit::Neuron;  // a maxout unit has a bias per piece: edit from the edges
                return hit;
            }
        }
        if (column.rect(u).adjusted(-slack, -slack, slack, slack).contains(pos))
            return {Hit::Neuron, c, u, -1, u};
    }
    // Edges in the gap the pointer is in: the nearest drawn one.
    for (int c = 1; c < count; ++c) {
        if (pos.x() < g.columns[std::size_t(c - 1)].x + g.columns[std::size_t(c - 1)].map || pos.x() > g.columns[std::size_t(c)].x)
            continue;
        const std::vector<std::uint8_t> &drawn = m_buckets->drawn[std::size_t(c)];
        const int in = m_units[std::size_t(c - 1)];
        const double tolerance = std::max(3.0, g.em / 4);
        double best = tolerance;
        std::size_t found = drawn.size();
        for (std::size_t e = 0; e < drawn.size(); ++e) {
            if (!drawn[e])
                continue;
            const double d = distanceToSegment(pos, g.edge(c, int(e) / in, int(e) % in));
            if (d <= best) {
                best = d;
                found = e;
            }
        }
        if (found == drawn.size())
            return {};
        Hit hit{Hit::Edge, c, int(found) / in, int(found) % in, 0};
        weight(c, hit.unit, hit.from, &hit.row);
        return hit;
    }
    return {};
}

// --- drawing ------------------------------------------------------------------------------------

void NetworkDiagram::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    // Too small a rectangle is drawn at the smallest legible size and scaled down to fit.
    const QSizeF minimum = minimumSizeHint();
    const double scale = std::min({1.0, rect.width() / minimum.width(), rect.height() / minimum.height()});
    const QRectF area(0, 0, rect.width() / scale, rect.height() / scale);
    const Geometry g = layout(area, options);
    EdgeBuckets buckets;
    selectEdges(g, buckets);
    painter.save();
    painter.translate(rect.topLeft());
    painter.scale(scale, scale);
    painter.fillRect(area, palette().color(QPalette::Base));
    if (options.title) {
        QFont big = painter.font();
        big.setBold(true);
        painter.save();
        painter.setFont(big);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(g.title, Qt::AlignHCenter | Qt::AlignTop,
                         options.titleText.isEmpty() ? figureTitle() : options.titleText);
        painter.restore();
    }
    drawDiagram(painter, g, buckets, options);
    painter.restore();
}

void NetworkDiagram::paintEvent(QPaintEvent *)
{
    ensureBuckets();
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    FigureOptions options;
    options.title = false;
    drawDiagram(painter, *m_geometry, *m_buckets, options);
    drawHover(painter, *m_geometry);
}

void NetworkDiagram::drawDiagram(QPainter &painter, const Geometry &g, const EdgeBuckets &b,
                                 const FigureOptions &options) const
{
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const int count = columnCount();
    const QFontMetricsF fm(painter.font());

    // Column titles, elided to their slot.
    painter.setPen(text);
    for (int c = 0; c < count; ++c) {
        const Column &column = g.columns[std::size_t(c)];
        const double slot = c + 1 < count ? g.columns[std::size_t(c + 1)].x - column.x : g.bounds.right() - column.x;
        const double width = std::max(column.map, slot - 2);
        const QRectF box(column.x + column.map / 2 - width / 2, g.headerTop, width, g.em);
        QString title = columnTitle(c);
        if (fm.horizontalAdvance(title) > width)
            title = c == 0 ? tr("In") : c + 1 == count ? tr("Out") : tr("H%1").arg(c);
        painter.drawText(box, Qt::AlignCenter, fm.elidedText(title, Qt::ElideRight, width));
        QString subtitle = columnSubtitle(c);
        if (fm.horizontalAdvance(subtitle) > width)
            subtitle = subtitle.section(QStringLiteral(" ("), 0, 0);  // "sigmoid (binary)" -> "sigmoid"
        painter.drawText(box.translated(0, g.em), Qt::AlignCenter, fm.elidedText(subtitle, Qt::ElideRight, width));
    }

    // Edges, weak before strong so the strong ones stay on top.
    painter.setRenderHint(QPainter::Antialiasing);
    for (int level = 0; level < kLevels; ++level) {
        const double t = (level + 0.5) / kLevels;
        for (bool dense : {true, false}) {
            for (bool positive : {false, true}) {
                const std::vector<QLineF> &lines = b.lines[EdgeBuckets::index(dense, positive, level)];
                if (lines.empty())
                    continue;
                // Opaque colours faded towards the background: translucent lines cost the raster
                // engine ten times as much. Dense layers draw one-pixel aliased lines (twice as
                // fast again), their strength shown by the fading alone.
                const double opacity = dense ? 0.1 + 0.55 * t : 0.25 + 0.75 * t;
                const QColor colour(blend(base.rgb(), signColor(positive ? 1 : -1).rgb(), opacity));
                painter.setRenderHint(QPainter::Antialiasing, !dense);
                painter.setPen(QPen(colour, dense ? 1.0 : b.width * (0.6 + 3.4 * t), Qt::SolidLine, Qt::FlatCap));
                painter.drawLines(lines.data(), int(lines.size()));
            }
        }
    }

    // Input names.
    painter.setPen(text);
    const Column &inputs = g.columns.front();
    for (int u = 0; u < inputs.units; ++u) {
        const QRectF r = inputs.rect(u);
        painter.drawText(QRectF(r.left() - g.labelWidth, r.center().y() - g.em / 2, g.labelWidth - g.pad / 2, g.em),
                         Qt::AlignRight | Qt::AlignVCenter, m_inputNames[std::size_t(u)]);
    }

    // Maps, their frames, state marks and bias markers.
    const QColor frame = QColor(blend(base.rgb(), text.rgb(), 0.45));
    for (int c = 0; c < count; ++c) {
        const Column &column = g.columns[std::size_t(c)];
        painter.setRenderHint(QPainter::SmoothPixmapTransform, column.map > 20);
        for (int u = 0; u < column.units; ++u) {
            const QRectF r = column.rect(u);
            const QImage &image = neuronImage(c, u);
            painter.setRenderHint(QPainter::Antialiasing, false);
            if (image.isNull())
                painter.fillRect(r, base);
            else
                painter.drawImage(r, image);
            const UnitState state = unitState(c, u);
            painter.setBrush(Qt::NoBrush);
            if (state == UnitState::Saturated) {
                const double w = std::max(1.5, column.map / 14);
                painter.setPen(QPen(QColor(kSaturatedColor), w, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
                painter.drawRect(r.adjusted(-w / 2, -w / 2, w / 2, w / 2));
            } else {
                painter.setPen(QPen(frame, 1));
                painter.drawRect(r.adjusted(0, 0, -1, -1));
            }
            if (state == UnitState::Dead) {
                painter.setRenderHint(QPainter::Antialiasing);
                const double inset = column.map * 0.15;
                const QRectF x = r.adjusted(inset, inset, -inset, -inset);
                painter.setPen(QPen(QColor(kDeadColor), std::max(1.5, column.map / 10), Qt::SolidLine, Qt::RoundCap));
                painter.drawLine(x.topLeft(), x.bottomRight());
                painter.drawLine(x.topRight(), x.bottomLeft());
            }
        }
        if (!hasBias(c))
            continue;
        // Tiny markers look the same without antialiasing, at a fraction of the cost.
        painter.setRenderHint(QPainter::Antialiasing, g.biasRadius > 2.5);
        painter.setPen(QPen(frame, 1));
        for (int u = 0; u < column.units; ++u) {
            int row = u;
            if (m_net.layer(c - 1).pieces > 1)
                row = u * m_net.layer(c - 1).pieces;  // a maxout unit's first piece
            const double v = bias(c, row);
            const double t = strength(float(v));
            painter.setBrush(QColor(blend(base.rgb(), signColor(v).rgb(), 0.25 + 0.75 * t)));
            painter.drawEllipse(column.rect(u).bottomLeft(), g.biasRadius, g.biasRadius);
        }
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (options.legend)
        drawLegend(painter, g);
}

std::vector<NetworkDiagram::LegendItem> NetworkDiagram::legendItems() const
{
    std::vector<LegendItem> items{{LegendItem::Positive, tr("positive weight")},
                                  {LegendItem::Negative, tr("negative weight")},
                                  {LegendItem::Bias, tr("bias")}};
    bool relu = false, saturating = false;
    for (const LayerSpec &layer : m_frame.model.network.hidden) {
        relu = relu || layer.activation == Activation::ReLU;
        saturating = saturating || bounded(layer.activation);
    }
    if (relu)
        items.push_back({LegendItem::Dead, tr("dead ReLU")});
    if (saturating)
        items.push_back({LegendItem::Saturated, tr("saturated")});
    int keep = 0;
    for (int c = 1; c < columnCount(); ++c) {
        if (incomingDrawn(c) < m_units[std::size_t(c - 1)])
            keep = std::max(keep, incomingDrawn(c));
    }
    if (keep > 0)
        items.push_back({LegendItem::Text, tr("wide layers: each unit's strongest %1 inputs").arg(keep)});
    return items;
}

void NetworkDiagram::drawLegend(QPainter &painter, const Geometry &g) const
{
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    const double em = g.em;
    painter.setRenderHint(QPainter::Antialiasing);
    for (std::size_t k = 0; k < g.legendItems.size(); ++k) {
        const LegendItem &item = g.legendItems[k];
        double x = g.legendPositions[k].x();
        const double top = g.legendPositions[k].y();
        const double y = top + em / 2;
        const QRectF box(x, y - em / 3, 2 * em / 3, 2 * em / 3);
        switch (item.key) {
        case LegendItem::Positive:
        case LegendItem::Negative:
            painter.setPen(QPen(signColor(item.key == LegendItem::Positive ? 1 : -1), std::max(2.0, em / 6),
                                Qt::SolidLine, Qt::FlatCap));
            painter.drawLine(QPointF(x, y), QPointF(x + 1.5 * em, y));
            break;
        case LegendItem::Bias:
            painter.setPen(QPen(QColor(blend(base.rgb(), text.rgb(), 0.45)), 1));
            painter.setBrush(signColor(1));
            painter.drawEllipse(box.center(), em / 4, em / 4);
            break;
        case LegendItem::Dead:
            painter.setPen(QPen(QColor(kDeadColor), std::max(1.5, em / 8), Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(box.topLeft(), box.bottomRight());
            painter.drawLine(box.topRight(), box.bottomLeft());
            break;
        case LegendItem::Saturated:
            painter.setPen(QPen(QColor(kSaturatedColor), std::max(1.5, em / 10)));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box);
            break;
        case LegendItem::Text:
            break;
        }
        x += legendKeyWidth(item, em);
        painter.setPen(text);
        painter.drawText(QRectF(x, top, g.bounds.right() - x, em), Qt::AlignLeft | Qt::AlignVCenter, item.text);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
}

QRectF NetworkDiagram::visibleArea() const
{
    const QRect visible = visibleRegion().boundingRect();
    return visible.isEmpty() ? QRectF(rect()) : QRectF(visible);
}

void NetworkDiagram::drawHover(QPainter &painter, const Geometry &g) const
{
    if (m_hover.kind == Hit::None)
        return;
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::Text);
    const double unit = g.em / 16;
    auto drawEdge = [&](int c, int i, int j, double extra) {
        const float w = weight(c, i, j);
        const double t = strength(w);
        const QLineF line = g.edge(c, i, j);
        if (extra > 0) {
            painter.setPen(QPen(text, unit * (0.6 + 3.4 * t) + 2 * extra, Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(line);
        }
        painter.setPen(QPen(signColor(w), unit * (0.6 + 3.4 * t) + extra, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(line);
    };

    if (m_hover.kind == Hit::Neuron) {
        // Every connection of the unit, thinned or not.
        const int c = m_hover.column;
        if (c >= 1)
            for (int j = 0; j < m_units[std::size_t(c - 1)]; ++j)
                drawEdge(c, m_hover.unit, j, 0);
        if (c + 1 < columnCount())
            for (int i = 0; i < m_units[std::size_t(c + 1)]; ++i)
                drawEdge(c + 1, i, m_hover.unit, 0);
        drawUnitPopup(painter, g);
        return;
    }
    if (m_hover.kind == Hit::Edge)
        drawEdge(m_hover.column, m_hover.unit, m_hover.from, std::max(1.0, unit));
    if (m_hover.kind == Hit::Bias) {
        painter.setPen(QPen(text, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(g.columns[std::size_t(m_hover.column)].rect(m_hover.unit).bottomLeft(),
                            g.biasRadius + 2, g.biasRadius + 2);
    }

    // A tooltip-like box by the pointer: the value, what it connects, how to change it.
    QStringList lines{valueText(m_hover)};
    if (m_hover.kind == Hit::Edge)
        lines << QStringLiteral("%1 → %2").arg(unitName(m_hover.column - 1, m_hover.from), unitName(m_hover.column, m_hover.unit));
    else
        lines << tr("bias of %1").arg(unitName(m_hover.column, m_hover.unit));
    if (m_controller && m_document)
        lines << tr("Click to edit");
    const QFontMetricsF fm(painter.font());
    double width = 0;
    for (const QString &line : lines)
        width = std::max(width, fm.horizontalAdvance(line));
    const double pad = std::round(g.em / 3);
    const QRectF area = visibleArea();
    QRectF box(m_hoverPos + QPointF(g.em, g.em), QSizeF(width + 2 * pad, lines.size() * g.em + 2 * pad));
    if (box.right() > area.right())
        box.moveRight(m_hoverPos.x() - g.em);
    if (box.bottom() > area.bottom())
        box.moveBottom(m_hoverPos.y() - g.em);
    painter.setPen(QPen(palette().color(QPalette::ToolTipText), 1));
    painter.setBrush(palette().color(QPalette::ToolTipBase));
    painter.drawRoundedRect(box, pad, pad);
    for (int k = 0; k < lines.size(); ++k)
        painter.drawText(QRectF(box.left() + pad, box.top() + pad + k * g.em, width + 1, g.em),
                         Qt::AlignLeft | Qt::AlignVCenter, lines[k]);
}

void NetworkDiagram::drawUnitPopup(QPainter &painter, const Geometry &g) const
{
    const int c = m_hover.column;
    const int u = m_hover.unit;
    const Column &column = g.columns[std::size_t(c)];
    const QRectF unitRect = column.rect(u);
    const QRectF area = visibleArea();
    const double em = g.em;
    const double pad = std::round(em / 2);

    QStringList lines;
    if (c == 0)
        lines << tr("Input %1").arg(m_inputNames[std::size_t(u)]);
    else
        lines << tr("%1 · unit %2").arg(columnTitle(c)).arg(u + 1);
    lines << formula(c, u).split(QLatin1Char('\n'));
    const UnitState state = unitState(c, u);
    if (state == UnitState::Dead)
        lines << tr("Dead: zero on every training point");
    else if (state == UnitState::Saturated)
        lines << tr("Saturated on nearly every training point");
    const NeuronMaps *maps = m_frame.neurons.get();
    if (maps && c >= 1 && std::size_t(c - 1) < maps->layerScale.size()) {
        const bool probability = c == columnCount() - 1 && (m_frame.model.network.head == OutputHead::Sigmoid
                                                            || m_frame.model.network.head == OutputHead::Softmax
                                                            || m_frame.model.network.head == OutputHead::OneVsRest);
        const double s = maps->layerScale[std::size_t(c - 1)];
        lines << (probability ? tr("orange 0 … blue 1")
                              : tr("orange %1 … blue %2").arg(formatNumber(-s), formatNumber(s)));
    }

    const QFontMetricsF fm(painter.font());
    double width = 0;
    for (const QString &line : lines)
        width = std::max(width, fm.horizontalAdvance(line));
    const double side = std::round(std::clamp(0.4 * std::min(area.width(), area.height()), 6 * em, 14 * em));
    width = std::max(width, side);
    QRectF box(0, 0, width + 2 * pad, side + lines.size() * em + 3 * pad);
    box.moveLeft(unitRect.right() + em);
    if (box.right() > area.right())
        box.moveRight(unitRect.left() - em);
    box.moveLeft(std::max(box.left(), area.left()));
    box.moveTop(std::clamp(unitRect.center().y() - box.height() / 2, area.top(), std::max(area.top(), area.bottom() - box.height())));

    painter.setPen(QPen(palette().color(QPalette::ToolTipText), 1));
    painter.setBrush(palette().color(QPalette::ToolTipBase));
    painter.drawRoundedRect(box, pad / 2, pad / 2);
    const QRectF map(box.left() + pad + (width - side) / 2, box.top() + pad, side, side);
    const QImage &image = neuronImage(c, u);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    if (!image.isNull())
        painter.drawImage(map, image);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(map);
    for (int k = 0; k < lines.size(); ++k)
        painter.drawText(QRectF(box.left() + pad, map.bottom() + pad + k * em, width + 1, em),
                         Qt::AlignLeft | Qt::AlignVCenter, lines[k]);
}

// --- interaction --------------------------------------------------------------------------------

void NetworkDiagram::resizeEvent(QResizeEvent *)
{
    closeEditor();
    m_geometry.reset();
}

void NetworkDiagram::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_geometry.reset();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

void NetworkDiagram::setHover(const Hit &hit, const QPointF &pos)
{
    if (hit == m_hover && (hit.kind == Hit::None || hit.kind == Hit::Neuron))
        return;  // the popup does not follow the pointer
    m_hover = hit;
    m_hoverPos = pos;
    setCursor(hit.kind == Hit::Edge || hit.kind == Hit::Bias ? Qt::PointingHandCursor : Qt::ArrowCursor);
    update();
}

void NetworkDiagram::mouseMoveEvent(QMouseEvent *event)
{
    setHover(hitTest(event->position()), event->position());
}

void NetworkDiagram::leaveEvent(QEvent *)
{
    setHover({}, {});
}

void NetworkDiagram::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const Hit hit = hitTest(event->position());
    m_hoverPos = event->position();
    m_hover = hit;
    if (hit.kind == Hit::Edge || hit.kind == Hit::Bias)
        beginEdit(hit);
}

void NetworkDiagram::beginEdit(const Hit &hit)
{
    if (!m_controller || !m_document || (hit.kind != Hit::Edge && hit.kind != Hit::Bias))
        return;
    ensureGeometry();
    const Geometry &g = *m_geometry;
    QPointF anchor = m_hoverPos;
    if (!(m_hover == hit)) {
        anchor = hit.kind == Hit::Edge ? edgeLine(hit.column, hit.unit, hit.from).pointAt(0.5)
                                       : biasCentre(hit.column, hit.unit);
    }
    if (!m_editor) {
        m_editor = new QLineEdit(this);
        m_editor->installEventFilter(this);
        connect(m_editor, &QLineEdit::returnPressed, this, &NetworkDiagram::commitEdit);
    }
    m_editing = hit;
    m_hover = {};
    // The shortest text that reads back as the same float, so Enter without a change changes nothing.
    std::array<char, 32> digits{};
    const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), value(hit));
    m_editor->setText(QString::fromLatin1(digits.data(), written.ptr - digits.data()));
    m_editor->setToolTip(valueText(hit));
    const QFontMetricsF fm(font());
    const QSize size(int(std::ceil(fm.horizontalAdvance(QStringLiteral("−0.0000000")) + g.em)), m_editor->sizeHint().height());
    QRect box(anchor.toPoint() - QPoint(size.width() / 2, size.height() / 2), size);
    const QRect area = visibleArea().toRect();
    box.moveLeft(std::clamp(box.left(), area.left(), std::max(area.left(), area.right() - box.width())));
    box.moveTop(std::clamp(box.top(), area.top(), std::max(area.top(), area.bottom() - box.height())));
    m_editor->setGeometry(box);
    m_editor->show();
    m_editor->setFocus();
    m_editor->selectAll();
    update();
}

void NetworkDiagram::commitEdit()
{
    if (!m_editor || m_editing.kind == Hit::None)
        return;
    QString text = m_editor->text().trimmed();
    text.replace(QChar(0x2212), QLatin1Char('-'));
    text.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double after = text.toDouble(&ok);
    if (!ok || !std::isfinite(after)) {
        m_editor->selectAll();  // stays open: nothing sensible to apply
        return;
    }
    const Hit hit = m_editing;
    closeEditor();
    const float before = value(hit);
    if (float(after) == before || !m_controller || !m_document)
        return;
    const QString name = hit.kind == Hit::Edge ? tr("Edit weight %1").arg(valueText(hit).section(QLatin1Char(' '), 0, 0))
                                               : tr("Edit bias %1").arg(valueText(hit).section(QLatin1Char(' '), 0, 0));
    m_document->undoStack()->push(new EditWeight(m_controller, hit.column - 1, hit.row,
                                                 hit.kind == Hit::Bias ? -1 : hit.from, before, float(after), name));
}

void NetworkDiagram::closeEditor()
{
    m_editing = {};
    if (m_editor && m_editor->isVisible()) {
        m_editor->hide();
        setFocus();
    }
}

bool NetworkDiagram::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor) {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            closeEditor();
            return true;
        }
        if (event->type() == QEvent::FocusOut && m_editor->isVisible())
            closeEditor();  // clicking elsewhere cancels, as in a spreadsheet cell
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace np
