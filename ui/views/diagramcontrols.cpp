#include "diagramcontrols.h"

#include "diagraminputtoggle.h"
#include "document.h"

#include <QActionGroup>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QStatusTipEvent>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace np {

namespace {

constexpr std::size_t kMaxHiddenLayers = 32;  // validateLayers' limit
constexpr int kMaxUnits = 1024;

QString featureText(Feature feature)
{
    return QString::fromUtf8(featureName(feature));
}

}  // namespace

DiagramControls::DiagramControls(QWidget *diagram)
    : QObject(diagram)
    , m_diagram(diagram)
{
}

void DiagramControls::setDocument(Document *document)
{
    if (m_document == document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (!m_document)
        return;
    for (int i = 0; i < kFeatureCount; ++i) {
        const auto feature = static_cast<Feature>(i);
        auto *toggle = new InputToggle(m_diagram);
        toggle->setObjectName(QStringLiteral("feature.") + QLatin1String(featureKey(feature)));
        toggle->setAccessibleName(tr("Input %1").arg(featureText(feature)));
        connect(toggle, &QAbstractButton::clicked, this, [this, feature] { toggleFeature(feature); });
        m_features[std::size_t(i)] = toggle;
    }
    m_addLayer = new QToolButton(m_diagram);
    m_addLayer->setObjectName(QStringLiteral("addLayer"));
    m_addLayer->setText(tr("+ Layer"));
    m_addLayer->setAutoRaise(true);
    m_addLayer->setAccessibleName(tr("Add hidden layer"));
    connect(m_addLayer, &QToolButton::clicked, this, &DiagramControls::addLayer);
    // Before the lesson runner's own slot: new controls exist when it applies its locks.
    connect(m_document, &Document::configChanged, this, &DiagramControls::sync);
    connect(m_document, &Document::datasetChanged, this, &DiagramControls::sync);
    sync();
}

void DiagramControls::appendLayer()
{
    const int index = int(m_layers.size());
    const QString prefix = QStringLiteral("layer%1.").arg(index);
    LayerControls c;
    c.remove = new QToolButton(m_diagram);
    c.remove->setObjectName(prefix + QStringLiteral("remove"));
    c.remove->setText(QStringLiteral("✕"));
    c.remove->setAutoRaise(true);
    c.remove->setToolTip(tr("Remove hidden layer %1 (training starts from fresh weights).").arg(index + 1));
    c.remove->setAccessibleName(tr("Remove hidden layer %1").arg(index + 1));
    connect(c.remove, &QToolButton::clicked, this, [this, index] { removeLayer(index); });

    c.activation = new QToolButton(m_diagram);
    c.activation->setObjectName(prefix + QStringLiteral("activation"));
    c.activation->setAccessibleName(tr("Activation of layer %1").arg(index + 1));
    auto *menu = new QMenu(c.activation);
    menu->setToolTipsVisible(true);
    auto *group = new QActionGroup(menu);
    for (const ActivationInfo &info : activations()) {
        QAction *action = menu->addAction(QString::fromUtf8(info.title));
        action->setCheckable(true);
        action->setData(static_cast<int>(info.activation));
        action->setToolTip(QString::fromUtf8(info.formula));
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, index, activation = info.activation] { changeActivation(index, activation); });
    }
    // Not setMenu(): the style's small arrow would sit on the text of a button one line high;
    // the "▾" in the text says "choose" instead.
    QToolButton *button = c.activation;
    connect(button, &QToolButton::clicked, menu, [button, menu] {
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));
    });

    c.units = new QWidget(m_diagram);
    c.units->setObjectName(prefix + QStringLiteral("units"));
    auto *row = new QHBoxLayout(c.units);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    c.minus = new QToolButton;
    c.minus->setObjectName(prefix + QStringLiteral("unitsMinus"));
    c.minus->setText(QStringLiteral("−"));
    c.minus->setAccessibleName(tr("One unit fewer in layer %1").arg(index + 1));
    c.plus = new QToolButton;
    c.plus->setObjectName(prefix + QStringLiteral("unitsPlus"));
    c.plus->setText(QStringLiteral("+"));
    c.plus->setAccessibleName(tr("One unit more in layer %1").arg(index + 1));
    c.count = new QLabel;
    c.count->setAlignment(Qt::AlignCenter);
    for (QToolButton *button : {c.minus, c.plus})
        button->setAutoRaise(true);
    row->addWidget(c.minus);
    row->addWidget(c.count, 1);
    row->addWidget(c.plus);
    connect(c.minus, &QToolButton::clicked, this, [this, index] { changeUnits(index, -1); });
    connect(c.plus, &QToolButton::clicked, this, [this, index] { changeUnits(index, +1); });
    m_layers.push_back(c);
}

void DiagramControls::sync()
{
    const Config &config = m_document->config();
    for (int i = 0; i < kFeatureCount; ++i) {
        const auto feature = static_cast<Feature>(i);
        const bool on = config.features.has(feature);
        InputToggle *toggle = m_features[std::size_t(i)];
        toggle->setChecked(on);
        toggle->setToolTip(on ? tr("Input %1 is on: click to switch it off (training starts from fresh weights).")
                                    .arg(featureText(feature))
                              : tr("Input %1 is off: click to feed it to the network.").arg(featureText(feature)));
    }
    const std::vector<LayerSpec> &hidden = config.network.hidden;
    while (m_layers.size() < hidden.size())
        appendLayer();
    while (m_layers.size() > hidden.size()) {
        // The sender of the click that got here may be among them: delete later.
        const LayerControls &c = m_layers.back();
        for (QWidget *w : std::initializer_list<QWidget *>{c.remove, c.activation, c.units}) {
            w->hide();
            w->deleteLater();
        }
        m_layers.pop_back();
    }
    for (std::size_t i = 0; i < hidden.size(); ++i) {
        const LayerSpec &layer = hidden[i];
        const LayerControls &c = m_layers[i];
        const QString title = QString::fromUtf8(activationInfo(layer.activation).title);
        c.activation->setText(title + QStringLiteral(" ▾"));
        c.activation->setToolTip(tr("Activation of hidden layer %1: %2, %3. Click to choose another.")
                                     .arg(i + 1)
                                     .arg(title, QString::fromUtf8(activationInfo(layer.activation).formula)));
        for (QAction *action : c.activation->findChild<QMenu *>()->actions())
            action->setChecked(action->data().toInt() == static_cast<int>(layer.activation));
        c.count->setText(QString::number(layer.units));
        c.count->setToolTip(layer.units == 1 ? tr("1 unit in hidden layer %1").arg(i + 1)
                                             : tr("%1 units in hidden layer %2").arg(layer.units).arg(i + 1));
        c.minus->setEnabled(layer.units > 1);
        c.minus->setToolTip(layer.units > 1 ? tr("One unit fewer in hidden layer %1 (fresh weights).").arg(i + 1)
                                            : tr("A layer keeps at least one unit: remove the layer with ✕."));
        c.plus->setEnabled(layer.units < kMaxUnits);
        c.plus->setToolTip(tr("One unit more in hidden layer %1 (fresh weights).").arg(i + 1));
    }
    const bool perceptron = config.training.algorithm == Algorithm::Perceptron;
    m_addLayer->setEnabled(!perceptron && hidden.size() < kMaxHiddenLayers);
    m_addLayer->setToolTip(perceptron ? tr("Rosenblatt's perceptron rule trains a single layer: choose gradient "
                                           "descent under Training to add hidden layers.")
                                      : tr("Add a hidden layer after the last, with its settings (or 4 tanh units "
                                           "for the first)."));
    emit changed();
}

int DiagramControls::activationWidth() const
{
    // As wide as the longest choice showing, so the buttons line up across the layers.
    int widest = 0;
    for (const LayerControls &c : m_layers)
        widest = std::max(widest, c.activation->sizeHint().width());
    return widest;
}

int DiagramControls::unitsWidth() const
{
    const QFontMetrics fm(m_diagram->font());
    return 2 * lineHeightPixels() + fm.horizontalAdvance(QStringLiteral("8888"));
}

int DiagramControls::lineHeightPixels() const
{
    return int(DiagramLayout::headerLineHeight(QFontMetricsF(m_diagram->font()).height(), true));
}

double DiagramControls::controlsWidth() const
{
    return activationWidth() + unitsWidth() + 4;
}

DiagramEditing DiagramControls::editing(const DiagramNetwork &net) const
{
    DiagramEditing e;
    e.enabled = isEnabled();
    if (e.enabled)
        e.controlsWidth = controlsWidth();
    if (!e.enabled || net.features().count() != net.unitCount(0))
        return e;
    for (Feature f : net.features().list())
        e.inputSlots.push_back(static_cast<int>(f));
    e.inputSlotCount = kFeatureCount;
    for (int i = 0; i < kFeatureCount; ++i)
        e.placeNames.push_back(featureText(static_cast<Feature>(i)));
    return e;
}

void DiagramControls::place(const DiagramLayout &g, const DiagramNetwork &net)
{
    if (!isEnabled())
        return;
    const DiagramColumn &inputs = g.columns.front();
    const bool places = !inputs.places.empty();
    for (int i = 0; i < kFeatureCount; ++i) {
        InputToggle *toggle = m_features[std::size_t(i)];
        toggle->setVisible(places);
        if (!places)
            continue;
        const QRect tile = inputs.slotRect(i).toAlignedRect();
        const QRect area(tile.left() - int(g.labelWidth), tile.top(), int(g.labelWidth) + tile.width(), tile.height());
        toggle->setGeometry(area);
        toggle->setTile(tile.translated(-area.topLeft()));
    }

    const int count = net.columnCount();
    const QFontMetrics fm(m_diagram->font());
    const int line = int(g.lineHeight);
    const int top = int(g.headerTop);
    const auto step = [&](int c) {
        return c + 1 < count ? g.columns[std::size_t(c + 1)].x - g.columns[std::size_t(c)].x
                             : g.columns[std::size_t(c)].x - g.columns[std::size_t(c - 1)].x;
    };
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const LayerControls &c = m_layers[i];
        const int column = int(i) + 1;
        const bool shown = column < count - 1;
        for (QWidget *w : std::initializer_list<QWidget *>{c.remove, c.activation, c.units})
            w->setVisible(shown);
        if (!shown)
            continue;
        const DiagramColumn &col = g.columns[std::size_t(column)];
        const double centre = col.x + col.map / 2;
        const double width = std::max(col.map, step(column) - 2.0);  // as DiagramPainter's title slot
        const QRectF remove = DiagramLayout::hiddenTitle(QFontMetricsF(m_diagram->font()), column, centre, width,
                                                         top, line).removeBox;
        c.remove->setGeometry(remove.toRect());
        const int activation = std::min(activationWidth(), int(width));
        const int units = std::min(int(width), unitsWidth());
        if (g.headerLines == 2) {
            // Side by side on the second line.
            const int left = int(std::round(centre - (activation + 4 + units) / 2.0));
            c.activation->setGeometry(left, top + line, activation, line);
            c.units->setGeometry(left + activation + 4, top + line, units, line);
        } else {
            c.activation->setGeometry(int(std::round(centre - activation / 2.0)), top + line, activation, line);
            c.units->setGeometry(int(std::round(centre - units / 2.0)), top + 2 * line, units, line);
        }
    }
    // "+ Layer" on the title line, between the last hidden column's title and the output's.
    const DiagramColumn &last = g.columns[std::size_t(count - 2)];
    const DiagramColumn &output = g.columns[std::size_t(count - 1)];
    const double from = count > 2 ? DiagramLayout::hiddenTitle(QFontMetricsF(m_diagram->font()), count - 2,
                                                               last.x + last.map / 2, std::max(last.map, step(count - 2) - 2.0),
                                                               top, line).removeBox.right() + 4
                                  : last.x + last.map / 2 + fm.horizontalAdvance(tr("Input")) / 2.0;
    const double to = output.x + output.map / 2 - fm.horizontalAdvance(tr("Output")) / 2.0;
    const double gap = std::max(double(line), to - from - 8);
    m_addLayer->setText(QStringLiteral("+"));
    const int small = m_addLayer->sizeHint().width();
    m_addLayer->setText(tr("+ Layer"));
    if (m_addLayer->sizeHint().width() > gap)
        m_addLayer->setText(QStringLiteral("+"));
    const int width = std::max(small, std::min(m_addLayer->sizeHint().width(), int(gap)));
    m_addLayer->setGeometry(int(std::round((from + to) / 2 - width / 2.0)), top, width, line);
    m_addLayer->show();
}

void DiagramControls::toggleFeature(Feature feature)
{
    Config config = m_document->config();
    const bool on = !config.features.has(feature);
    QWidget *toggle = m_features[std::size_t(static_cast<int>(feature))];
    if (!on && config.features.count() == 1) {
        refuse(toggle, tr("%1 is the only input: switch another on first; the network needs at least one.")
                           .arg(featureText(feature)));
        return;
    }
    config.features.set(feature, on);
    apply(config, on ? tr("Add input %1").arg(featureText(feature)) : tr("Remove input %1").arg(featureText(feature)),
          {}, toggle);
}

void DiagramControls::changeUnits(int layer, int delta)
{
    Config config = m_document->config();
    std::vector<LayerSpec> &hidden = config.network.hidden;
    if (layer >= int(hidden.size()))
        return;
    LayerSpec &spec = hidden[std::size_t(layer)];
    spec.units = std::clamp(spec.units + delta, 1, kMaxUnits);
    apply(config, tr("Change units of layer %1").arg(layer + 1), QStringLiteral("layer%1.units").arg(layer),
          delta > 0 ? m_layers[std::size_t(layer)].plus : m_layers[std::size_t(layer)].minus);
}

void DiagramControls::changeActivation(int layer, Activation activation)
{
    Config config = m_document->config();
    std::vector<LayerSpec> &hidden = config.network.hidden;
    if (layer >= int(hidden.size()))
        return;
    LayerSpec &spec = hidden[std::size_t(layer)];
    // As the Network panel: ELU's α is a scale near 1, leaky ReLU's a small slope.
    if (activation == Activation::ELU && spec.activation != Activation::ELU)
        spec.alpha = 1.0;
    else if (activation == Activation::LeakyReLU && spec.activation != Activation::LeakyReLU)
        spec.alpha = 0.01;
    spec.activation = activation;
    apply(config, tr("Change activation of layer %1").arg(layer + 1), {}, m_layers[std::size_t(layer)].activation);
}

void DiagramControls::removeLayer(int layer)
{
    Config config = m_document->config();
    std::vector<LayerSpec> &hidden = config.network.hidden;
    if (layer >= int(hidden.size()))
        return;
    hidden.erase(hidden.begin() + layer);
    apply(config, tr("Remove hidden layer %1").arg(layer + 1), {}, m_layers[std::size_t(layer)].remove);
}

void DiagramControls::addLayer()
{
    Config config = m_document->config();
    std::vector<LayerSpec> &hidden = config.network.hidden;
    hidden.push_back(hidden.empty() ? LayerSpec{4, Activation::Tanh} : hidden.back());
    apply(config, tr("Add hidden layer"), {}, m_addLayer);
}

void DiagramControls::apply(const Config &config, const QString &text, const QString &mergeKey, QWidget *near)
{
    const Dataset &data = m_document->dataset();
    const std::string problem = validateConfig(config, data.task, data.classCount);
    if (!problem.empty()) {
        refuse(near, tr("Not applied: %1").arg(QString::fromStdString(problem)));
        return;
    }
    if (config == m_document->config())
        return;
    m_document->changeConfig(config, text, mergeKey);
}

void DiagramControls::refuse(QWidget *near, const QString &reason)
{
    // A tooltip by the control and the main window's status bar, never a dialog.
    QToolTip::showText(near->mapToGlobal(QPoint(0, near->height())), reason, near);
    QStatusTipEvent tip(reason);
    QApplication::sendEvent(near, &tip);
    m_lastRefusal = reason;
    sync();  // the controls show the settings that stay (a tile's switch flipped by the click)
}

}  // namespace np
