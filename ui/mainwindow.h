#pragma once

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QSlider;

namespace np {

class BoundaryView;
class DataPanel;
class Document;
class LossPlot;
class MessageBanner;
class NetworkPanel;
class PaintTool;
class PresentationMode;
class TrainingController;
class TrainingPanel;
class ViewEvaluator;
struct TrainerState;

/// The main window: assembles the document, the training controller, the views and the
/// panels, and wires menus, shortcuts and persistence. Logic lives in those classes.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_document; }
    TrainingController *controller() const { return m_controller; }
    BoundaryView *boundaryView() const { return m_boundaryView; }
    LossPlot *lossPlot() const { return m_lossPlot; }
    MessageBanner *banner() const { return m_banner; }
    QAction *action(const QString &name) const;

    /// Opens a session or config file; on failure shows why and changes nothing.
    bool openFile(const QString &path);
    /// Saves the document and the trainer's state (asynchronously: the state comes from the worker).
    void saveFile(const QString &path);
    /// Imports a dataset CSV; on failure shows the line and changes nothing.
    bool importCsv(const QString &path);
    bool exportCsv(const QString &path);
    /// Full-screen presentation for a projector (F11), or back.
    void setPresentation(bool on);

signals:
    /// A save finished (error empty on success).
    void saved(const QString &path, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void restoreSettings();
    void saveSettings() const;
    void newDocument();
    void onConfigChanged();
    void onDatasetChanged();
    void scheduleTrainerUpdate(bool dataChanged);
    void onSnapshotChanged();
    void onMessage(const QString &text);
    void onStateReady(const TrainerState &state);
    void updateStatus();
    void updateStyle();
    void applyTheme(const QString &theme);
    void showError(const QString &title, const QString &text);

    Document *m_document;
    PaintTool *m_paintTool;
    TrainingController *m_controller;
    ViewEvaluator *m_evaluator;
    PresentationMode *m_presentation;
    QList<QDockWidget *> m_settingsDocks;  // hidden in presentation mode
    BoundaryView *m_boundaryView = nullptr;
    MessageBanner *m_banner = nullptr;
    LossPlot *m_lossPlot = nullptr;
    DataPanel *m_dataPanel = nullptr;
    NetworkPanel *m_networkPanel = nullptr;
    TrainingPanel *m_trainingPanel = nullptr;
    QSlider *m_speed = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_statusEpoch = nullptr;
    QLabel *m_statusLoss = nullptr;
    QLabel *m_statusQuality = nullptr;
    QLabel *m_statusRate = nullptr;
    QList<QString> m_pendingSaves;
    std::uint64_t m_shownGeneration = 0;
    std::size_t m_shownHistory = 0;
    bool m_trainerUpdateScheduled = false;
    bool m_pendingData = false;
    std::uint64_t m_trainerResets = 0;
};

}  // namespace np
