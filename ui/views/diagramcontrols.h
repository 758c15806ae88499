#pragma once

#include "diagramlayout.h"
#include "diagramnetwork.h"

#include "data/features.h"
#include "session/config.h"

#include <QObject>
#include <QString>

#include <array>
#include <vector>

class QLabel;
class QToolButton;
class QWidget;

namespace np {

class Document;
class InputToggle;

/// The network built on the diagram, as in TensorFlow Playground: a click on an input's tile
/// switches that feature on or off, "+ Layer" adds a hidden layer, ✕ by a layer's title removes
/// it, and under the title an activation menu and − / + for its units. Every change is one undo
/// step with the Network panel's text (and merge key, so quick clicks on + merge as the panel's
/// spin box does); a change the settings refuse (the last input, too many parameters) is not
/// applied and the reason shows in a tooltip and the status bar.
///
/// The controls are child widgets of the diagram named as the Network panel's ("feature.<key>",
/// "addLayer", "layer<i>.remove", "layer<i>.activation", "layer<i>.units" holding
/// "layer<i>.unitsMinus" and "layer<i>.unitsPlus"), so a lesson that locks a panel control locks
/// its twin here too. They follow the Document's settings and stand where the layout puts the
/// columns of the network drawn.
class DiagramControls : public QObject
{
    Q_OBJECT

public:
    explicit DiagramControls(QWidget *diagram);

    /// Where edits go; without a document there are no controls.
    void setDocument(Document *document);
    bool isEnabled() const { return m_document != nullptr; }
    /// Why the last change asked for was refused (for tests and tools); empty if none was.
    const QString &lastRefusal() const { return m_lastRefusal; }

    /// What the layout reserves for the controls when they are on, for this network.
    DiagramEditing editing(const DiagramNetwork &net) const;
    /// Moves the controls to their places in the layout (hidden where the network drawn has no
    /// column for them yet).
    void place(const DiagramLayout &layout, const DiagramNetwork &net);

signals:
    /// The settings changed: the diagram lays out again.
    void changed();

private:
    struct LayerControls
    {
        QToolButton *remove = nullptr;
        QToolButton *activation = nullptr;
        QWidget *units = nullptr;
        QToolButton *minus = nullptr;
        QToolButton *plus = nullptr;
        QLabel *count = nullptr;
    };

    int activationWidth() const;
    int unitsWidth() const;
    int lineHeightPixels() const;
    double controlsWidth() const;
    void sync();
    void appendLayer();
    void toggleFeature(Feature feature);
    void changeUnits(int layer, int delta);
    void changeActivation(int layer, Activation activation);
    void removeLayer(int layer);
    void addLayer();
    /// Stores config as one undo step named text, or shows why it is refused by `near`.
    void apply(const Config &config, const QString &text, const QString &mergeKey, QWidget *near);
    void refuse(QWidget *near, const QString &reason);

    QWidget *m_diagram;
    Document *m_document = nullptr;
    std::array<InputToggle *, kFeatureCount> m_features{};
    QToolButton *m_addLayer = nullptr;
    std::vector<LayerControls> m_layers;  // per hidden layer of the Document's settings
    QString m_lastRefusal;
};

}  // namespace np
