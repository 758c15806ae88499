#pragma once

#include "data/dataset.h"
#include "data/generators.h"

#include <QWidget>

#include <array>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace np {

class Document;
class PaintTool;

/// The data settings: generator, classes, count, noise, validation share and seed (with
/// Regenerate, which keeps the network), clearing, and the paint tool (class palette or target
/// value, brush size and density).
/// Every edit goes through the document as an undoable step; the controls follow the document.
///
/// Controls by objectName: "generator" (combo, item data = Generator), "classes", "count",
/// "noise" (slider, hundredths) with "noiseValue" (spin), "validation" (percent), "dataSeed",
/// "newDataSeed", "regenerate", "clear"; paint tool: "class0" … "class7" (checkable buttons,
/// only classCount shown), "paintTarget" (slider −100…100 = target −1…1) with
/// "paintTargetValue" (label), "brushSize" (slider, tenths of a plane unit) with
/// "brushSizeValue", "density" (slider, points per dab) with "densityValue"; "dataProblem"
/// (label, shown when generated data would not fit the network), "dataSummary" (label: what
/// the data on screen is, "Your data: 4,012 points, 3 classes").
class DataPanel : public QWidget
{
    Q_OBJECT

public:
    DataPanel(Document *document, PaintTool *tool, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createGeneratorGroup();
    QWidget *createPaintGroup();
    void syncFromDocument();
    void syncPaintTool();
    void updateClassIcons();
    void updateTargetSwatch();
    /// Generates data from spec and stores both as one undo step; the output head and loss
    /// follow the new data's task and class count.
    void changeSpec(const DataSpec &spec, const QString &text, const QString &mergeKey = {});
    void setNoise(double noise);

    Document *m_document;
    PaintTool *m_tool;

    QFormLayout *m_generatorForm = nullptr;
    QComboBox *m_generator = nullptr;
    QSpinBox *m_classes = nullptr;
    QSpinBox *m_count = nullptr;
    QSlider *m_noise = nullptr;
    QDoubleSpinBox *m_noiseValue = nullptr;
    QSpinBox *m_validation = nullptr;
    QDoubleSpinBox *m_seed = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_summary = nullptr;

    QFormLayout *m_paintForm = nullptr;
    QWidget *m_palette = nullptr;
    std::array<QToolButton *, kMaxClasses> m_classButtons{};
    QWidget *m_targetRow = nullptr;
    QSlider *m_target = nullptr;
    QLabel *m_targetValue = nullptr;
    QSlider *m_brush = nullptr;
    QLabel *m_brushValue = nullptr;
    QSlider *m_density = nullptr;
    QLabel *m_densityValue = nullptr;
};

}  // namespace np
