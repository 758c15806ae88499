// The settings panels driven as a user would: every change is one named undo step that the
// controls follow, slider and spin-box drags merge, undo restores value and display, only
// valid choices are offered, and an invalid edit never reaches the document.

#include "datapanel.h"
#include "document.h"
#include "networkpanel.h"
#include "painttool.h"
#include "trainingpanel.h"

#include "data/generators.h"
#include "session/config.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QToolButton>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtTest>

#include <memory>

using namespace np;

class TestPanels : public QObject
{
    Q_OBJECT

private:
    template <typename T>
    T *control(QWidget *panel, const QString &name)
    {
        T *widget = panel->findChild<T *>(name);
        if (!widget)
            qWarning("no control named %s", qPrintable(name));
        return widget;
    }

    QUndoStack *undo() const { return m_document->undoStack(); }

    void selectData(QComboBox *combo, int data)
    {
        const int index = combo->findData(data);
        QVERIFY2(index >= 0, qPrintable(combo->objectName()));
        combo->setCurrentIndex(index);
    }

    std::unique_ptr<Document> m_document;
    std::unique_ptr<PaintTool> m_tool;
    std::unique_ptr<DataPanel> m_data;
    std::unique_ptr<NetworkPanel> m_network;
    std::unique_ptr<TrainingPanel> m_training;

private slots:
    void init()
    {
        m_document = std::make_unique<Document>();
        const Config config = defaultConfig();
        m_document->reset(config, generateDataset(config.data));
        m_tool = std::make_unique<PaintTool>();
        m_data = std::make_unique<DataPanel>(m_document.get(), m_tool.get());
        m_network = std::make_unique<NetworkPanel>(m_document.get());
        m_training = std::make_unique<TrainingPanel>(m_document.get());
    }

    void cleanup()
    {
        // Whatever a test did, the document holds settings that can train on its data.
        const Dataset &data = m_document->dataset();
        QCOMPARE(QString::fromStdString(validateConfig(m_document->config(), data.task, data.classCount)), QString());
        m_training.reset();
        m_network.reset();
        m_data.reset();
        m_tool.reset();
        m_document.reset();
    }

    void everyControlHasANameAndATooltip()
    {
        int controls = 0;
        for (QWidget *panel : {static_cast<QWidget *>(m_data.get()), static_cast<QWidget *>(m_network.get()),
                               static_cast<QWidget *>(m_training.get())}) {
            const auto widgets = panel->findChildren<QWidget *>();
            for (QWidget *w : widgets) {
                if (!qobject_cast<QAbstractSpinBox *>(w) && !qobject_cast<QComboBox *>(w)
                    && !qobject_cast<QAbstractButton *>(w) && !qobject_cast<QSlider *>(w))
                    continue;
                if (w->inherits("QLineEdit") || w->parent()->inherits("QAbstractSpinBox"))
                    continue;  // a spin box's own line edit
                ++controls;
                QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
                QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
                // One sentence: no full stop before the last character.
                const QString tip = w->toolTip().trimmed();
                QVERIFY2(!tip.left(tip.size() - 1).contains(QStringLiteral(". ")), qPrintable(tip));
            }
        }
        // 8 paint classes alone are more than the handful a forgotten panel would have.
        QVERIFY(controls > 60);
        QCOMPARE(control<QDoubleSpinBox>(m_training.get(), QStringLiteral("momentum"))->toolTip(),
                 QStringLiteral("v ← μv − η∇L; θ ← θ + v: μ is how much of the previous step carries over."));
    }

    void scrollingPastAControlDoesNotChangeIt()
    {
        auto *head = control<QComboBox>(m_network.get(), QStringLiteral("head"));
        auto *noise = control<QSlider>(m_data.get(), QStringLiteral("noise"));
        QVERIFY(!head->hasFocus());
        for (QWidget *w : {static_cast<QWidget *>(head), static_cast<QWidget *>(noise)}) {
            QWheelEvent wheel(QPointF(5, 5), w->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(w, &wheel);
            QVERIFY(!wheel.isAccepted());  // left for the scroll area
        }
        QCOMPARE(head->currentData().toInt(), int(OutputHead::Sigmoid));
        QCOMPARE(noise->value(), 10);
        QCOMPARE(undo()->count(), 0);
        QCOMPARE(head->focusPolicy(), Qt::StrongFocus);
    }

    void learningRateTypingIsOneUndoStep()
    {
        auto *lr = control<QDoubleSpinBox>(m_training.get(), QStringLiteral("learningRate"));
        QVERIFY(lr);
        QCOMPARE(lr->value(), 0.01);
        lr->setValue(0.02);
        lr->setValue(0.03);
        lr->setValue(0.05);
        QCOMPARE(m_document->config().training.optimizer.learningRate, 0.05);
        QCOMPARE(undo()->count(), 1);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change learning rate"));
        undo()->undo();
        QCOMPARE(m_document->config().training.optimizer.learningRate, 0.01);
        QCOMPARE(lr->value(), 0.01);
        QCOMPARE(lr->text(), QStringLiteral("0.01"));
    }

    void learningRateArrowsStepByAboutThree()
    {
        auto *lr = control<QDoubleSpinBox>(m_training.get(), QStringLiteral("learningRate"));
        lr->stepBy(1);
        QCOMPARE(lr->value(), 0.03);
        lr->stepBy(1);
        QCOMPARE(lr->value(), 0.1);
        lr->stepBy(-3);
        QCOMPARE(lr->value(), 0.003);
        lr->setValue(0.02);  // off the grid: the arrows go to the neighbouring grid values
        lr->stepBy(1);
        QCOMPARE(lr->value(), 0.03);
        lr->setValue(0.02);
        lr->stepBy(-1);
        QCOMPARE(lr->value(), 0.01);
        lr->setValue(1e-5);
        lr->stepBy(-1);
        QCOMPARE(lr->value(), 0.0);
        lr->stepBy(1);
        QCOMPARE(lr->value(), 1e-5);
        QCOMPARE(lr->text(), QStringLiteral("1e-05"));
        QCOMPARE(m_document->config().training.optimizer.learningRate, 1e-5);
    }

    void typedNumbersInEitherNotation()
    {
        auto *l2 = control<QDoubleSpinBox>(m_training.get(), QStringLiteral("l2"));
        QCOMPARE(l2->text(), QStringLiteral("off"));
        QCOMPARE(l2->valueFromText(QStringLiteral("3e-4")), 3e-4);
        QCOMPARE(l2->valueFromText(QStringLiteral("0.0003")), 3e-4);
        QString text = QStringLiteral("1e");
        int pos = 2;
        QCOMPARE(l2->validate(text, pos), QValidator::Intermediate);
        text = QStringLiteral("abc");
        QCOMPARE(l2->validate(text, pos), QValidator::Invalid);
        text = QStringLiteral("1000");  // above the range of 0..100
        QCOMPARE(l2->validate(text, pos), QValidator::Intermediate);
        l2->setValue(3e-4);
        QCOMPARE(m_document->config().training.penalty.l2, 3e-4);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change L2 penalty"));
    }

    void controlsFollowTheDocumentWithoutUndoSteps()
    {
        Config c = m_document->config();
        c.training.optimizer.learningRate = 0.3;
        c.training.optimizer.kind = OptimizerKind::Momentum;
        c.network.hidden[1].units = 5;
        c.data.noise = 0.25;
        m_document->changeConfig(c, QStringLiteral("External"));
        QCOMPARE(undo()->count(), 1);
        QCOMPARE(control<QDoubleSpinBox>(m_training.get(), QStringLiteral("learningRate"))->value(), 0.3);
        QCOMPARE(control<QComboBox>(m_training.get(), QStringLiteral("optimizer"))->currentData().toInt(),
                 int(OptimizerKind::Momentum));
        QCOMPARE(control<QSpinBox>(m_network.get(), QStringLiteral("layer1.units"))->value(), 5);
        QCOMPARE(control<QSlider>(m_data.get(), QStringLiteral("noise"))->value(), 25);
        QCOMPARE(control<QDoubleSpinBox>(m_data.get(), QStringLiteral("noiseValue"))->value(), 0.25);
        QCOMPARE(undo()->count(), 1);
        QCOMPARE(m_document->config(), c);
    }

    void noiseDragIsOneStepAndRegenerates()
    {
        auto *noise = control<QSlider>(m_data.get(), QStringLiteral("noise"));
        QCOMPARE(noise->value(), 10);
        const Dataset before = m_document->dataset();
        for (int v : {12, 15, 20, 30})
            noise->setValue(v);
        QCOMPARE(undo()->count(), 1);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change noise"));
        QCOMPARE(m_document->config().data.noise, 0.3);
        DataSpec spec = defaultConfig().data;
        spec.noise = 0.3;
        QCOMPARE(m_document->dataset(), generateDataset(spec));
        QCOMPARE(control<QDoubleSpinBox>(m_data.get(), QStringLiteral("noiseValue"))->value(), 0.3);
        undo()->undo();
        QCOMPARE(m_document->dataset(), before);
        QCOMPARE(noise->value(), 10);
    }

    void aCurveGivesTheNetworkOneInput()
    {
        // A 1-D curve: regression, x1 alone, a linear head, in one undo step; back to 2-D data
        // gives x2 back.
        auto *generator = control<QComboBox>(m_data.get(), QStringLiteral("generator"));
        const Config before = m_document->config();
        selectData(generator, int(Generator::CurveSawtooth));
        QCOMPARE(m_document->config().data.generator, Generator::CurveSawtooth);
        QVERIFY(m_document->config().features == FeatureSet{Feature::X1});
        QCOMPARE(m_document->dataset().task, Task::Regression);
        QCOMPARE(m_document->config().network.head, OutputHead::Linear);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change generator"));
        QVERIFY(!control<QCheckBox>(m_network.get(), QStringLiteral("feature.x2"))->isChecked());
        QVERIFY(control<QCheckBox>(m_network.get(), QStringLiteral("feature.x1"))->isChecked());
        selectData(generator, int(Generator::AboveCubic));
        QVERIFY(m_document->config().features == FeatureSet::plain());
        QCOMPARE(m_document->dataset().task, Task::Classification);
        undo()->undo();
        undo()->undo();
        QVERIFY(m_document->config() == before);
    }

    void threeGaussiansSwitchToSoftmaxInOneStep()
    {
        auto *generator = control<QComboBox>(m_data.get(), QStringLiteral("generator"));
        QCOMPARE(generator->count(), int(generators().size()));
        selectData(generator, int(Generator::Gaussians));
        QCOMPARE(m_document->config().data.generator, Generator::Gaussians);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change generator"));
        auto *classes = control<QSpinBox>(m_data.get(), QStringLiteral("classes"));
        QCOMPARE(classes->maximum(), 8);
        const int steps = undo()->count();
        classes->setValue(3);
        QCOMPARE(undo()->count(), steps + 1);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change number of classes"));
        QCOMPARE(m_document->dataset().classCount, 3);
        QCOMPARE(m_document->config().network.head, OutputHead::Softmax);
        QCOMPARE(m_document->config().network.loss, Loss::CategoricalCrossEntropy);
        // The network panel shows the new head, offers no single sigmoid and counts 3 outputs.
        auto *head = control<QComboBox>(m_network.get(), QStringLiteral("head"));
        QCOMPARE(head->currentData().toInt(), int(OutputHead::Softmax));
        QCOMPARE(head->findData(int(OutputHead::Sigmoid)), -1);
        QVERIFY(head->findData(int(OutputHead::OneVsRest)) >= 0);
        auto *loss = control<QComboBox>(m_network.get(), QStringLiteral("loss"));
        QCOMPARE(loss->count(), 2);  // categorical cross-entropy and squared error
        QVERIFY(loss->findData(int(Loss::BinaryCrossEntropy)) < 0);
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("outputParameters"))->text(),
                 QStringLiteral("Output layer (3 × 8 + 3): 27 parameters"));
        // Three palette buttons, no more.
        QVERIFY(!control<QToolButton>(m_data.get(), QStringLiteral("paintClass2"))->isHidden());
        QVERIFY(control<QToolButton>(m_data.get(), QStringLiteral("paintClass3"))->isHidden());

        undo()->undo();
        QCOMPARE(m_document->dataset().classCount, 2);
        QCOMPARE(m_document->config().network.head, OutputHead::Sigmoid);
        QCOMPARE(classes->value(), 2);
        QCOMPARE(head->currentData().toInt(), int(OutputHead::Sigmoid));
    }

    void xorLimitsTheClassCount()
    {
        selectData(control<QComboBox>(m_data.get(), QStringLiteral("generator")), int(Generator::Gaussians));
        control<QSpinBox>(m_data.get(), QStringLiteral("classes"))->setValue(5);
        selectData(control<QComboBox>(m_data.get(), QStringLiteral("generator")), int(Generator::Xor));
        QCOMPARE(m_document->config().data.classes, 2);
        QCOMPARE(m_document->dataset().classCount, 2);
        QCOMPARE(control<QSpinBox>(m_data.get(), QStringLiteral("classes"))->maximum(), 2);
    }

    void planeSwitchesToRegression()
    {
        selectData(control<QComboBox>(m_data.get(), QStringLiteral("generator")), int(Generator::Plane));
        QCOMPARE(undo()->count(), 1);
        QCOMPARE(m_document->dataset().task, Task::Regression);
        QCOMPARE(m_document->config().network.head, OutputHead::Linear);
        QCOMPARE(m_document->config().network.loss, Loss::Squared);
        QVERIFY(!control<QSpinBox>(m_data.get(), QStringLiteral("classes"))->isVisibleTo(m_data.get()));
        QVERIFY(control<QSlider>(m_data.get(), QStringLiteral("paintTarget"))->isVisibleTo(m_data.get()));
        QVERIFY(!control<QToolButton>(m_data.get(), QStringLiteral("paintClass0"))->isVisibleTo(m_data.get()));
        auto *head = control<QComboBox>(m_network.get(), QStringLiteral("head"));
        QCOMPARE(head->count(), 2);  // linear and tanh
        QVERIFY(head->findData(int(OutputHead::Linear)) >= 0 && head->findData(int(OutputHead::Tanh)) >= 0);
        // The target slider sets the painted value.
        control<QSlider>(m_data.get(), QStringLiteral("paintTarget"))->setValue(-40);
        QCOMPARE(m_tool->targetValue(), -0.4);
        QCOMPARE(control<QLabel>(m_data.get(), QStringLiteral("paintTargetValue"))->text(), QStringLiteral("−0.40"));

        undo()->undo();
        QCOMPARE(m_document->dataset().task, Task::Classification);
        QCOMPARE(m_document->config().network.head, OutputHead::Sigmoid);
        QVERIFY(control<QSpinBox>(m_data.get(), QStringLiteral("classes"))->isVisibleTo(m_data.get()));
        QVERIFY(!control<QSlider>(m_data.get(), QStringLiteral("paintTarget"))->isVisibleTo(m_data.get()));
    }

    void backToClassesRestoresTheUsualOutput()
    {
        auto *generator = control<QComboBox>(m_data.get(), QStringLiteral("generator"));
        selectData(generator, int(Generator::MultiGaussian));
        QCOMPARE(m_document->config().network.head, OutputHead::Linear);
        // A linear output could train on classes too, but a new task gets its usual output.
        selectData(generator, int(Generator::Moons));
        QCOMPARE(m_document->dataset().task, Task::Classification);
        QCOMPARE(m_document->config().network.head, OutputHead::Sigmoid);
        QCOMPARE(m_document->config().network.loss, Loss::BinaryCrossEntropy);
        // Within a task a head the user chose stays while it fits.
        selectData(control<QComboBox>(m_network.get(), QStringLiteral("head")), int(OutputHead::Tanh));
        selectData(generator, int(Generator::Xor));
        QCOMPARE(m_document->config().network.head, OutputHead::Tanh);
    }

    void regenerateAfterPaintingKeepsTheSettings()
    {
        const Dataset generated = m_document->dataset();
        m_document->addPoints({DataPoint{1.0, 1.0, 1, 0.0, false}});
        control<QPushButton>(m_data.get(), QStringLiteral("regenerate"))->click();
        QCOMPARE(undo()->undoText(), QStringLiteral("Regenerate data"));
        QCOMPARE(m_document->dataset(), generated);
        QCOMPARE(m_document->config(), defaultConfig());
    }

    void clearKeepsTaskAndClasses()
    {
        selectData(control<QComboBox>(m_data.get(), QStringLiteral("generator")), int(Generator::Gaussians));
        control<QSpinBox>(m_data.get(), QStringLiteral("classes"))->setValue(4);
        control<QPushButton>(m_data.get(), QStringLiteral("clear"))->click();
        QCOMPARE(undo()->undoText(), QStringLiteral("Clear data"));
        QVERIFY(m_document->dataset().points.empty());
        QCOMPARE(m_document->dataset().classCount, 4);
        QCOMPARE(m_document->dataset().task, Task::Classification);
        undo()->undo();
        QCOMPARE(int(m_document->dataset().points.size()), 400);
    }

    void newDataSeedDrawsOtherPoints()
    {
        control<QPushButton>(m_data.get(), QStringLiteral("newDataSeed"))->click();
        QVERIFY(m_document->config().data.seed != 1);
        QCOMPARE(control<QDoubleSpinBox>(m_data.get(), QStringLiteral("dataSeed"))->value(),
                 double(m_document->config().data.seed));
        QVERIFY(m_document->dataset() != generateDataset(defaultConfig().data));
        QCOMPARE(undo()->undoText(), QStringLiteral("New data seed"));
    }

    void classButtonsFollowAndSetThePaintTool()
    {
        auto *second = control<QToolButton>(m_data.get(), QStringLiteral("paintClass1"));
        QCOMPARE(second->toolTip(), QStringLiteral("Paint class 2 (key 2)"));
        second->click();
        QCOMPARE(m_tool->currentClass(), 1);
        QVERIFY(second->isChecked());
        // A number key goes through the tool; the buttons follow.
        m_tool->setCurrentClass(0);
        QVERIFY(control<QToolButton>(m_data.get(), QStringLiteral("paintClass0"))->isChecked());
        QVERIFY(!second->isChecked());
        // Painting is not an edit of the document.
        QCOMPARE(undo()->count(), 0);

        // Fewer classes than the current one: the tool moves to the last class there is.
        selectData(control<QComboBox>(m_data.get(), QStringLiteral("generator")), int(Generator::Gaussians));
        control<QSpinBox>(m_data.get(), QStringLiteral("classes"))->setValue(4);
        control<QToolButton>(m_data.get(), QStringLiteral("paintClass3"))->click();
        QCOMPARE(m_tool->currentClass(), 3);
        control<QSpinBox>(m_data.get(), QStringLiteral("classes"))->setValue(2);
        QCOMPARE(m_tool->currentClass(), 1);
    }

    void brushControlsSetThePaintTool()
    {
        control<QSlider>(m_data.get(), QStringLiteral("brushSize"))->setValue(15);
        QCOMPARE(m_tool->brushRadius(), 1.5);
        QCOMPARE(control<QLabel>(m_data.get(), QStringLiteral("brushSizeValue"))->text(), QStringLiteral("1.5"));
        control<QSlider>(m_data.get(), QStringLiteral("density"))->setValue(12);
        QCOMPARE(m_tool->density(), 12);
        QCOMPARE(control<QLabel>(m_data.get(), QStringLiteral("densityValue"))->text(), QStringLiteral("12"));
        QCOMPARE(undo()->count(), 0);
    }

    void addAndRemoveLayers()
    {
        auto *total = control<QLabel>(m_network.get(), QStringLiteral("totalParameters"));
        // 2-8-8-1: 8·2 + 8, 8·8 + 8, 1·8 + 1.
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("layer0.parameters"))->text(),
                 QStringLiteral("24 parameters"));
        QCOMPARE(total->text(), QStringLiteral("Total: 105 parameters"));

        control<QPushButton>(m_network.get(), QStringLiteral("addLayer"))->click();
        QCOMPARE(undo()->undoText(), QStringLiteral("Add hidden layer"));
        QCOMPARE(int(m_document->config().network.hidden.size()), 3);
        QCOMPARE(m_document->config().network.hidden[2], (LayerSpec{8, Activation::Tanh}));
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("layer2.parameters"))->text(),
                 QStringLiteral("72 parameters"));
        QCOMPARE(total->text(), QStringLiteral("Total: 177 parameters"));

        // Layer 3 gets 3 units: the output layer shrinks too.
        control<QSpinBox>(m_network.get(), QStringLiteral("layer2.units"))->setValue(3);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change units of layer 3"));
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("layer2.parameters"))->text(),
                 QStringLiteral("27 parameters"));
        QCOMPARE(total->text(), QStringLiteral("Total: 127 parameters"));

        control<QToolButton>(m_network.get(), QStringLiteral("layer0.remove"))->click();
        QCOMPARE(undo()->undoText(), QStringLiteral("Remove hidden layer 1"));
        const std::vector<LayerSpec> expected = {LayerSpec{8, Activation::Tanh}, LayerSpec{3, Activation::Tanh}};
        QCOMPARE(m_document->config().network.hidden, expected);
        // Row i shows layer i: the old third layer is now the second row, and the third row is gone.
        QCOMPARE(control<QSpinBox>(m_network.get(), QStringLiteral("layer1.units"))->value(), 3);
        QVERIFY(!m_network->findChild<QSpinBox *>(QStringLiteral("layer2.units")));
        // 2-8-3-1: 24 + 27 + 4.
        QCOMPARE(total->text(), QStringLiteral("Total: 55 parameters"));

        undo()->undo();
        QCOMPARE(int(m_document->config().network.hidden.size()), 3);
        QCOMPARE(control<QSpinBox>(m_network.get(), QStringLiteral("layer2.units"))->value(), 3);
        QCOMPARE(total->text(), QStringLiteral("Total: 127 parameters"));
    }

    void theFirstLayerAddedIsFourTanhUnits()
    {
        control<QToolButton>(m_network.get(), QStringLiteral("layer1.remove"))->click();
        control<QToolButton>(m_network.get(), QStringLiteral("layer0.remove"))->click();
        QVERIFY(m_document->config().network.hidden.empty());
        // Logistic regression: 2 weights and a bias.
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("totalParameters"))->text(),
                 QStringLiteral("Total: 3 parameters"));
        QVERIFY(control<QLabel>(m_network.get(), QStringLiteral("noHiddenLayers"))->isVisibleTo(m_network.get()));
        control<QPushButton>(m_network.get(), QStringLiteral("addLayer"))->click();
        const std::vector<LayerSpec> expected = {LayerSpec{4, Activation::Tanh}};
        QCOMPARE(m_document->config().network.hidden, expected);
        QVERIFY(!control<QLabel>(m_network.get(), QStringLiteral("noHiddenLayers"))->isVisibleTo(m_network.get()));
    }

    void activationShowsItsParameter()
    {
        auto *activation = control<QComboBox>(m_network.get(), QStringLiteral("layer0.activation"));
        auto *pieces = control<QSpinBox>(m_network.get(), QStringLiteral("layer0.pieces"));
        auto *alpha = control<QDoubleSpinBox>(m_network.get(), QStringLiteral("layer0.alpha"));
        QVERIFY(!pieces->isVisibleTo(m_network.get()));
        QVERIFY(!alpha->isVisibleTo(m_network.get()));

        selectData(activation, int(Activation::Maxout));
        QCOMPARE(undo()->undoText(), QStringLiteral("Change activation of layer 1"));
        QCOMPARE(m_document->config().network.hidden[0].activation, Activation::Maxout);
        QVERIFY(pieces->isVisibleTo(m_network.get()));
        QVERIFY(!alpha->isVisibleTo(m_network.get()));
        // Maxout with 2 pieces doubles the rows of W: 16·2 + 16.
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("layer0.parameters"))->text(),
                 QStringLiteral("48 parameters"));
        pieces->setValue(3);
        QCOMPARE(m_document->config().network.hidden[0].pieces, 3);

        selectData(activation, int(Activation::LeakyReLU));
        QVERIFY(!pieces->isVisibleTo(m_network.get()));
        QVERIFY(alpha->isVisibleTo(m_network.get()));
        QCOMPARE(alpha->toolTip(), QStringLiteral("Slope α for negative z, which keeps the unit learning: "
                                                  "g(z) = z if z > 0 else α·z."));
        alpha->setValue(0.2);
        QCOMPARE(m_document->config().network.hidden[0].alpha, 0.2);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change α of layer 1"));
        selectData(activation, int(Activation::ELU));
        QCOMPARE(m_document->config().network.hidden[0].alpha, 1.0);
        QCOMPARE(alpha->value(), 1.0);
    }

    void layerSwitchesAreUndoable()
    {
        control<QCheckBox>(m_network.get(), QStringLiteral("layer1.batchNorm"))->click();
        QVERIFY(m_document->config().network.hidden[1].batchNorm);
        QCOMPARE(undo()->undoText(), QStringLiteral("Turn on batch norm in layer 2"));
        // Batch norm: γ and β instead of the bias, 8·8 + 16.
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("layer1.parameters"))->text(),
                 QStringLiteral("80 parameters"));
        auto *dropout = control<QDoubleSpinBox>(m_network.get(), QStringLiteral("layer1.dropout"));
        dropout->setValue(0.1);
        dropout->setValue(0.2);
        QCOMPARE(m_document->config().network.hidden[1].dropout, 0.2);
        QCOMPARE(undo()->count(), 2);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change dropout of layer 2"));
        undo()->undo();
        QCOMPARE(dropout->value(), 0.0);
        undo()->undo();
        QVERIFY(!control<QCheckBox>(m_network.get(), QStringLiteral("layer1.batchNorm"))->isChecked());
    }

    void featuresAndAnInvalidEditThatIsNotApplied()
    {
        auto *x1 = control<QCheckBox>(m_network.get(), QStringLiteral("feature.x1"));
        auto *x2 = control<QCheckBox>(m_network.get(), QStringLiteral("feature.x2"));
        auto *r = control<QCheckBox>(m_network.get(), QStringLiteral("feature.r"));
        auto *problem = control<QLabel>(m_network.get(), QStringLiteral("networkProblem"));
        QCOMPARE(r->text(), QStringLiteral("r"));
        r->click();
        QVERIFY(m_document->config().features.has(Feature::Radius));
        QCOMPARE(undo()->undoText(), QStringLiteral("Add input r"));
        QCOMPARE(control<QLabel>(m_network.get(), QStringLiteral("layer0.parameters"))->text(),
                 QStringLiteral("32 parameters"));
        r->click();
        x1->click();
        QCOMPARE(m_document->config().features, FeatureSet({Feature::X2}));
        const int steps = undo()->count();
        x2->click();  // no input at all: shown, explained, not applied
        QCOMPARE(undo()->count(), steps);
        QCOMPARE(m_document->config().features, FeatureSet({Feature::X2}));
        QVERIFY(!x2->isChecked());
        QVERIFY(!problem->isHidden());
        QCOMPARE(problem->text(), QStringLiteral("Not applied: Choose at least one input feature."));
        // Ticking another feature makes the edit valid again: {x1}, from what is on screen.
        x1->click();
        QVERIFY(problem->isHidden());
        QCOMPARE(m_document->config().features, FeatureSet({Feature::X1}));
        QCOMPARE(undo()->count(), steps + 1);
    }

    void tooManyParametersAreNotApplied()
    {
        control<QPushButton>(m_network.get(), QStringLiteral("addLayer"))->click();
        for (int i = 0; i < 3; ++i)
            control<QSpinBox>(m_network.get(), QStringLiteral("layer%1.units").arg(i))->setValue(1024);
        // Two 1024-wide layers fit; the third 1024 × 1024 would pass 2,000,000 parameters.
        QCOMPARE(m_document->config().network.hidden[0].units, 1024);
        QCOMPARE(m_document->config().network.hidden[1].units, 1024);
        QCOMPARE(m_document->config().network.hidden[2].units, 8);
        auto *problem = control<QLabel>(m_network.get(), QStringLiteral("networkProblem"));
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains(QStringLiteral("parameters; the limit is 2000000")), qPrintable(problem->text()));
        QCOMPARE(control<QSpinBox>(m_network.get(), QStringLiteral("layer2.units"))->value(), 1024);
        // Undo brings the document and the screen back to a valid state.
        undo()->undo();
        QVERIFY(problem->isHidden());
        QCOMPARE(control<QSpinBox>(m_network.get(), QStringLiteral("layer2.units"))->value(), 8);
    }

    void headChangeKeepsOrReplacesTheLoss()
    {
        auto *head = control<QComboBox>(m_network.get(), QStringLiteral("head"));
        auto *loss = control<QComboBox>(m_network.get(), QStringLiteral("loss"));
        selectData(loss, int(Loss::Squared));
        QCOMPARE(m_document->config().network.loss, Loss::Squared);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change loss"));
        // Squared error fits a tanh output too: kept.
        selectData(head, int(OutputHead::Tanh));
        QCOMPARE(m_document->config().network.head, OutputHead::Tanh);
        QCOMPARE(m_document->config().network.loss, Loss::Squared);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change output layer"));
        selectData(loss, int(Loss::Hinge));
        // Hinge does not fit a sigmoid: its natural loss takes over.
        selectData(head, int(OutputHead::Sigmoid));
        QCOMPARE(m_document->config().network.loss, Loss::BinaryCrossEntropy);
        QCOMPARE(loss->currentData().toInt(), int(Loss::BinaryCrossEntropy));
        QCOMPARE(loss->count(), 2);
    }

    void initialisationRowsFollowTheScheme()
    {
        auto *scheme = control<QComboBox>(m_network.get(), QStringLiteral("initScheme"));
        auto *scale = control<QDoubleSpinBox>(m_network.get(), QStringLiteral("initScale"));
        auto *connections = control<QSpinBox>(m_network.get(), QStringLiteral("initConnections"));
        QVERIFY(scheme->itemData(0, Qt::ToolTipRole).toString().contains(QStringLiteral("U(±√(6/(n+m)))")));
        QVERIFY(!scale->isVisibleTo(m_network.get()));
        selectData(scheme, int(InitScheme::SmallUniform));
        QVERIFY(scale->isVisibleTo(m_network.get()));
        QVERIFY(!connections->isVisibleTo(m_network.get()));
        selectData(scheme, int(InitScheme::Sparse));
        QVERIFY(connections->isVisibleTo(m_network.get()));
        QCOMPARE(m_document->config().init.scheme, InitScheme::Sparse);
        control<QDoubleSpinBox>(m_network.get(), QStringLiteral("initBias"))->setValue(0.1);
        QCOMPARE(m_document->config().init.bias, 0.1);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change initial bias"));
        control<QPushButton>(m_network.get(), QStringLiteral("newInitSeed"))->click();
        QVERIFY(m_document->config().init.seed != 1);
        QCOMPARE(control<QDoubleSpinBox>(m_network.get(), QStringLiteral("initSeed"))->value(),
                 double(m_document->config().init.seed));
    }

    void perceptronOnlyWithoutHiddenLayers()
    {
        auto *algorithm = control<QComboBox>(m_training.get(), QStringLiteral("algorithm"));
        auto *model = qobject_cast<QStandardItemModel *>(algorithm->model());
        QVERIFY(model);
        const int perceptron = algorithm->findData(int(Algorithm::Perceptron));
        QVERIFY(!model->item(perceptron)->isEnabled());

        control<QToolButton>(m_network.get(), QStringLiteral("layer1.remove"))->click();
        QVERIFY(!model->item(perceptron)->isEnabled());
        control<QToolButton>(m_network.get(), QStringLiteral("layer0.remove"))->click();
        QVERIFY(model->item(perceptron)->isEnabled());

        algorithm->setCurrentIndex(perceptron);
        QCOMPARE(undo()->undoText(), QStringLiteral("Use the perceptron rule"));
        QCOMPARE(m_document->config().training.algorithm, Algorithm::Perceptron);
        QCOMPARE(m_document->config().network.head, OutputHead::Step);
        QCOMPARE(m_document->config().network.loss, Loss::Perceptron);
        // The optimizer does not apply, and a hidden layer cannot be added.
        QVERIFY(!control<QComboBox>(m_training.get(), QStringLiteral("optimizer"))->isVisibleTo(m_training.get()));
        QVERIFY(control<QLabel>(m_training.get(), QStringLiteral("perceptronNote"))->isVisibleTo(m_training.get()));
        QVERIFY(!control<QPushButton>(m_network.get(), QStringLiteral("addLayer"))->isEnabled());
        auto *head = control<QComboBox>(m_network.get(), QStringLiteral("head"));
        QCOMPARE(head->count(), 1);
        QCOMPARE(head->currentData().toInt(), int(OutputHead::Step));

        algorithm->setCurrentIndex(algorithm->findData(int(Algorithm::GradientDescent)));
        QCOMPARE(m_document->config().network.head, OutputHead::Sigmoid);
        QCOMPARE(m_document->config().network.loss, Loss::BinaryCrossEntropy);
        QVERIFY(control<QPushButton>(m_network.get(), QStringLiteral("addLayer"))->isEnabled());
        undo()->undo();
        QCOMPARE(m_document->config().training.algorithm, Algorithm::Perceptron);
        QCOMPARE(algorithm->currentData().toInt(), int(Algorithm::Perceptron));
    }

    void optimizerParametersShowWhenRelevant()
    {
        auto *optimizer = control<QComboBox>(m_training.get(), QStringLiteral("optimizer"));
        auto visible = [this](const char *name) {
            return m_training->findChild<QWidget *>(QLatin1String(name))->isVisibleTo(m_training.get());
        };
        // Adam (the default).
        QVERIFY(visible("beta1") && visible("beta2") && visible("epsilon"));
        QVERIFY(!visible("momentum") && !visible("rho") && !visible("weightDecay"));
        selectData(optimizer, int(OptimizerKind::Momentum));
        QCOMPARE(undo()->undoText(), QStringLiteral("Change optimizer"));
        QVERIFY(visible("momentum"));
        QVERIFY(!visible("beta1") && !visible("epsilon"));
        control<QDoubleSpinBox>(m_training.get(), QStringLiteral("momentum"))->setValue(0.5);
        QCOMPARE(m_document->config().training.optimizer.momentum, 0.5);
        selectData(optimizer, int(OptimizerKind::RMSProp));
        QVERIFY(visible("rho") && visible("epsilon") && !visible("momentum"));
        selectData(optimizer, int(OptimizerKind::AdamW));
        QVERIFY(visible("weightDecay") && visible("beta2"));
        selectData(optimizer, int(OptimizerKind::SGD));
        QVERIFY(!visible("epsilon") && !visible("momentum") && !visible("beta1"));
        QCOMPARE(m_document->config().training.optimizer.kind, OptimizerKind::SGD);
    }

    void scheduleParametersShowWhenRelevant()
    {
        auto *schedule = control<QComboBox>(m_training.get(), QStringLiteral("schedule"));
        auto visible = [this](const char *name) {
            return m_training->findChild<QWidget *>(QLatin1String(name))->isVisibleTo(m_training.get());
        };
        QVERIFY(!visible("finalLearningRate") && !visible("decay"));
        selectData(schedule, int(ScheduleKind::Linear));
        QVERIFY(visible("finalLearningRate") && visible("tau") && !visible("decay"));
        control<QSpinBox>(m_training.get(), QStringLiteral("tau"))->setValue(500);
        QCOMPARE(m_document->config().training.schedule.tau, 500);
        selectData(schedule, int(ScheduleKind::Exponential));
        QVERIFY(visible("decay") && visible("decaySteps") && !visible("tau"));
        control<QDoubleSpinBox>(m_training.get(), QStringLiteral("decay"))->setValue(0.9);
        QCOMPARE(m_document->config().training.schedule.decay, 0.9);
        QCOMPARE(undo()->undoText(), QStringLiteral("Change decay factor γ"));
    }

    void fullBatchMeansZero()
    {
        auto *batch = control<QSpinBox>(m_training.get(), QStringLiteral("batchSize"));
        auto *full = control<QCheckBox>(m_training.get(), QStringLiteral("fullBatch"));
        auto *hint = control<QLabel>(m_training.get(), QStringLiteral("batchHint"));
        QCOMPARE(batch->maximum(), 320);  // 400 points, 20 % held out
        batch->setValue(1);
        QCOMPARE(m_document->config().training.batchSize, 1);
        QCOMPARE(hint->text(), QStringLiteral("1 = stochastic: one point per step, 320 steps per epoch."));
        batch->setValue(25);
        QCOMPARE(undo()->count(), 1);
        full->click();
        QCOMPARE(m_document->config().training.batchSize, 0);
        QVERIFY(!batch->isEnabled());
        QCOMPARE(batch->value(), 320);
        QCOMPARE(hint->text(), QStringLiteral("Every step uses all 320 training points."));
        full->click();
        QCOMPARE(m_document->config().training.batchSize, 25);
        QVERIFY(batch->isEnabled());
        QCOMPARE(undo()->undoText(), QStringLiteral("Train on mini-batches"));
    }

    void regularisationAndStopping()
    {
        control<QDoubleSpinBox>(m_training.get(), QStringLiteral("l1"))->stepBy(1);
        QCOMPARE(m_document->config().training.penalty.l1, 1e-5);
        auto *patience = control<QSpinBox>(m_training.get(), QStringLiteral("patience"));
        QVERIFY(!patience->isEnabled());
        control<QCheckBox>(m_training.get(), QStringLiteral("earlyStopping"))->click();
        QVERIFY(m_document->config().training.earlyStopping.enabled);
        QVERIFY(patience->isEnabled());
        patience->setValue(20);
        QCOMPARE(m_document->config().training.earlyStopping.patience, 20);
        control<QCheckBox>(m_training.get(), QStringLiteral("restoreBest"))->click();
        QVERIFY(!m_document->config().training.earlyStopping.restoreBest);
        auto *maxEpochs = control<QSpinBox>(m_training.get(), QStringLiteral("maxEpochs"));
        QCOMPARE(maxEpochs->text(), QStringLiteral("none"));
        maxEpochs->setValue(300);
        QCOMPARE(m_document->config().training.maxEpochs, 300);
        control<QDoubleSpinBox>(m_training.get(), QStringLiteral("targetLoss"))->setValue(0.05);
        QCOMPARE(m_document->config().training.targetLoss, 0.05);
        control<QCheckBox>(m_training.get(), QStringLiteral("shuffle"))->click();
        QVERIFY(!m_document->config().training.shuffle);
        control<QDoubleSpinBox>(m_training.get(), QStringLiteral("trainingSeed"))->setValue(42);
        QCOMPARE(m_document->config().training.seed, std::uint64_t(42));
        QCOMPARE(undo()->count(), 8);
    }
};

QTEST_MAIN(TestPanels)
#include "test_panels.moc"
