#pragma once

#include "data/features.h"
#include "session/config.h"

#include <QWidget>

#include <array>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QFrame;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace np {

class Document;
class HiddenLayerRow;
class WheelGuard;

/// The network builder: input features and standardisation, hidden layers (add, remove,
/// units, activation with its α or pieces, batch norm, dropout), output head and loss,
/// initialisation and its seed, with the parameter count per layer.
/// Every edit goes through the document as an undoable step; the controls follow the document.
/// An edit that would make the settings invalid (no inputs, too many parameters) stays on
/// screen with the reason and is not applied.
///
/// Controls by objectName: "feature.<key>" checkboxes (key as in the config file: x1, x2, x1sq,
/// x2sq, x1x2, sinx1, sinx2, r, theta), "standardize"; per hidden layer i (from 0):
/// "layer<i>.units", "layer<i>.activation" (item data = Activation), "layer<i>.alpha" (leaky
/// ReLU and ELU only), "layer<i>.pieces" (maxout only), "layer<i>.batchNorm", "layer<i>.dropout",
/// "layer<i>.remove", "layer<i>.parameters" (label "24 parameters"); "addLayer"; "noHiddenLayers",
/// "outputParameters" and "totalParameters" (labels); "head" and "loss" (combos, item data =
/// OutputHead / Loss, only valid choices listed); "initScheme" (item data = InitScheme),
/// "initScale" (uniform and sparse only), "initConnections" (sparse only), "initBias",
/// "initSeed", "newInitSeed"; "networkProblem" (label, shown while an edit is invalid).
class NetworkPanel : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkPanel(Document *document, QWidget *parent = nullptr);

private:
    QWidget *createInputsGroup();
    QWidget *createLayersGroup();
    QWidget *createOutputGroup();
    QWidget *createInitGroup();
    void appendLayerRow();
    void removeLastLayerRow();

    void syncFromDocument();
    /// Shows m_edited in every control (signals blocked).
    void showEdited();
    void showCounts();
    void showHeadAndLoss();
    void showInit();

    /// Stores m_edited in the document as one undo step, or, when it is invalid for the data,
    /// keeps it on screen with the reason.
    void apply(const QString &text, const QString &mergeKey = {});
    /// Edits hidden layer `index` of m_edited (ignored if the layer no longer exists) and applies.
    template <typename Edit>
    void editLayer(int index, const QString &text, const QString &mergeKey, Edit edit);

    Document *m_document;
    /// What the controls show: the document's config, or an invalid edit of it not applied.
    Config m_edited;

    std::array<QCheckBox *, kFeatureCount> m_features{};
    QCheckBox *m_standardize = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    std::vector<HiddenLayerRow *> m_rows;  ///< row i shows hidden layer i
    QLabel *m_noHidden = nullptr;
    QPushButton *m_addLayer = nullptr;
    QLabel *m_outputParameters = nullptr;
    QLabel *m_totalParameters = nullptr;
    QComboBox *m_head = nullptr;
    QComboBox *m_loss = nullptr;
    QFormLayout *m_initForm = nullptr;
    QComboBox *m_initScheme = nullptr;
    QDoubleSpinBox *m_initScale = nullptr;
    QSpinBox *m_initConnections = nullptr;
    QDoubleSpinBox *m_initBias = nullptr;
    QDoubleSpinBox *m_initSeed = nullptr;
    QLabel *m_problem = nullptr;
    WheelGuard *m_wheelGuard = nullptr;
};

}  // namespace np
