#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace np {

class Document;
struct Config;

/// The training settings: algorithm, optimizer and its parameters, learning rate and
/// schedule, batch size, L1/L2, early stopping and stop conditions, training seed.
/// Every edit goes through the document as an undoable step; the controls follow the document.
/// None of these change the network's shape, so they apply at once while training runs.
///
/// Controls by objectName: "algorithm" (combo, item data = Algorithm; the perceptron item is
/// disabled while there are hidden layers or the data is regression), "optimizer" (item data =
/// OptimizerKind), "learningRate", "momentum", "beta1", "beta2", "rho", "epsilon",
/// "weightDecay" (each shown only for the optimizers that use it); "schedule" (item data =
/// ScheduleKind), "finalLearningRate" and "tau" (linear, cosine), "decay" and "decaySteps"
/// (step, exponential); "batchSize", "fullBatch", "batchHint" (label), "shuffle",
/// "trainingSeed", "newTrainingSeed"; "l1", "l2"; "earlyStopping", "patience", "minDelta",
/// "restoreBest"; "maxEpochs" (0 = none), "targetLoss" (0 = off); "perceptronNote" and
/// "trainingProblem" (labels).
class TrainingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingPanel(Document *document, QWidget *parent = nullptr);

private:
    QWidget *createOptimizerGroup();
    QWidget *createScheduleGroup();
    QWidget *createBatchGroup();
    QWidget *createRegularisationGroup();
    QWidget *createStoppingGroup();
    void syncFromDocument();
    void setAlgorithm(int algorithm);

    /// Applies edit to a copy of the document's config and stores it as one undo step (merging
    /// with the previous step of the same mergeKey); an invalid result is refused with the reason.
    template <typename Edit>
    void edit(const QString &text, const QString &mergeKey, Edit edit);
    void apply(const Config &config, const QString &text, const QString &mergeKey);

    Document *m_document;
    int m_partialBatch = 10;  ///< the batch size "full batch" returns to when unticked

    QFormLayout *m_optimizerForm = nullptr;
    QComboBox *m_algorithm = nullptr;
    QComboBox *m_optimizer = nullptr;
    QDoubleSpinBox *m_learningRate = nullptr;
    QDoubleSpinBox *m_momentum = nullptr;
    QDoubleSpinBox *m_beta1 = nullptr;
    QDoubleSpinBox *m_beta2 = nullptr;
    QDoubleSpinBox *m_rho = nullptr;
    QDoubleSpinBox *m_epsilon = nullptr;
    QDoubleSpinBox *m_weightDecay = nullptr;
    QLabel *m_perceptronNote = nullptr;

    QFormLayout *m_scheduleForm = nullptr;
    QComboBox *m_schedule = nullptr;
    QDoubleSpinBox *m_finalLearningRate = nullptr;
    QSpinBox *m_tau = nullptr;
    QDoubleSpinBox *m_decay = nullptr;
    QSpinBox *m_decaySteps = nullptr;

    QSpinBox *m_batchSize = nullptr;
    QCheckBox *m_fullBatch = nullptr;
    QLabel *m_batchHint = nullptr;
    QCheckBox *m_shuffle = nullptr;
    QDoubleSpinBox *m_seed = nullptr;

    QDoubleSpinBox *m_l1 = nullptr;
    QDoubleSpinBox *m_l2 = nullptr;

    QCheckBox *m_earlyStopping = nullptr;
    QSpinBox *m_patience = nullptr;
    QDoubleSpinBox *m_minDelta = nullptr;
    QCheckBox *m_restoreBest = nullptr;
    QSpinBox *m_maxEpochs = nullptr;
    QDoubleSpinBox *m_targetLoss = nullptr;
    QLabel *m_problem = nullptr;
};

}  // namespace np
