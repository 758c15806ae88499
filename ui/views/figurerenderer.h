#pragma once

#include "figure.h"
#include "viewevaluator.h"

#include "analysis/optimizerscene.h"
#include "analysis/weighttrajectory.h"
#include "network/model.h"
#include "session/config.h"
#include "training/history.h"

#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QWidget;

namespace np {

class Document;
class PaintTool;

/// What the figures are drawn from: what the window shows after loading a trained session.
struct FigureSource
{
    Config config;
    Dataset dataset;
    Model model;
    History history;
    /// The optimizer view's scene (a lesson's); its default without one.
    std::optional<OptimizerScene> optimizerScene;
    /// The run's weights, when the caller recorded them: the landscape's principal directions and
    /// the closed form's distance curve (without it: random directions, the current distance only).
    WeightTrajectory trajectory;
};

/// The views as figures without a window, for scripts (the command line's `figure`) and tests:
/// each view widget is built offscreen on first use and fed a frame computed synchronously on
/// the calling thread. Needs a QApplication; never shows a widget.
class FigureRenderer
{
public:
    explicit FigureRenderer(FigureSource source);
    ~FigureRenderer();
    FigureRenderer(const FigureRenderer &) = delete;
    FigureRenderer &operator=(const FigureRenderer &) = delete;

    /// Every figure's name, in the order "export all" writes them.
    static QStringList figureNames();

    /// The named figure, built on first use; null for a name figureNames() does not list.
    const Figure *figure(const QString &name);
    /// Every figure, in figureNames() order.
    std::vector<const Figure *> figures();

private:
    const ViewFrame &frame(const ViewNeeds &needs);

    FigureSource m_source;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<PaintTool> m_paintTool;
    ViewFrame m_frame;
    bool m_haveFrame = false;
    ViewNeeds m_frameNeeds;
    std::map<QString, std::unique_ptr<QWidget>> m_views;
};

}  // namespace np
