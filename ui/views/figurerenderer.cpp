#include "figurerenderer.h"

#include "backpropview.h"
#include "boundaryview.h"
#include "closedformview.h"
#include "document.h"
#include "foldingview.h"
#include "functionview.h"
#include "healthview.h"
#include "landscapeview.h"
#include "lossplot.h"
#include "networkdiagram.h"
#include "optimizerview.h"
#include "painttool.h"
#include "regionsview.h"

#include <QApplication>
#include <QPalette>

namespace np {

namespace {

/// What a view's factory gets to build and feed its widget, as the main window would.
struct FigureScene
{
    Document &document;
    PaintTool &paintTool;
    const ViewFrame &frame;
    const FigureSource &source;
};

std::unique_ptr<QWidget> createBoundary(const FigureScene &scene)
{
    auto view = std::make_unique<BoundaryView>(&scene.document, &scene.paintTool);
    view->setFrame(scene.frame);
    return view;
}

std::unique_ptr<QWidget> createLoss(const FigureScene &scene)
{
    auto plot = std::make_unique<LossPlot>();
    plot->setClassification(scene.source.dataset.isClassification());
    plot->setHistory(scene.source.history, true);
    return plot;
}

std::unique_ptr<QWidget> createNetwork(const FigureScene &scene)
{
    auto diagram = std::make_unique<NetworkDiagram>();
    diagram->setFrame(scene.frame);
    return diagram;
}

std::unique_ptr<QWidget> createFolding(const FigureScene &scene)
{
    auto view = std::make_unique<FoldingView>(&scene.document);
    view->setFrame(scene.frame);
    return view;
}

std::unique_ptr<QWidget> createRegions(const FigureScene &scene)
{
    auto view = std::make_unique<RegionsView>();
    view->setData(scene.source.config, scene.source.dataset);
    view->setFrame(scene.frame);
    return view;
}

std::unique_ptr<QWidget> createHealth(const FigureScene &scene)
{
    auto view = std::make_unique<HealthView>();
    view->setDataset(scene.source.dataset);
    view->setPenalty(scene.source.config.training.penalty);
    view->setHistory(scene.source.history, true);
    view->setFrame(scene.frame);
    return view;
}

// One point of the session's data walked through its network, at the SGD step.
std::unique_ptr<QWidget> createBackprop(const FigureScene &scene)
{
    auto view = std::make_unique<BackpropView>(&scene.document);
    view->setFrame(scene.frame);
    view->setMode(BackpropView::Network);
    view->setStep(view->lastStep());
    return view;
}

// The 1-D mode's output and its sum of units.
std::unique_ptr<QWidget> createFunction(const FigureScene &scene)
{
    auto view = std::make_unique<FunctionView>();
    view->setData(scene.source.config, scene.source.dataset);
    view->setFrame(scene.frame);
    return view;
}

// The scene run to its end: every path whole.
std::unique_ptr<QWidget> createOptimizers(const FigureScene &scene)
{
    auto view = std::make_unique<OptimizerView>();
    if (scene.source.optimizerScene)
        view->setScene(*scene.source.optimizerScene);
    view->runToEnd();
    return view;
}

// The landscape along the run's principal directions when it was recorded, else random ones.
std::unique_ptr<QWidget> createLandscape(const FigureScene &scene)
{
    auto view = std::make_unique<LandscapeView>();
    view->setDataset(scene.source.dataset);
    view->setModel(scene.source.model);
    view->setTrajectory(&scene.source.trajectory);
    view->setDirections(scene.source.trajectory.size() >= 3 ? LandscapeDirections::Trajectory
                                                             : LandscapeDirections::Random);
    view->computeNow();
    return view;
}

// Solved: the ridge solution beside the weights (a sentence for a network it does not apply to).
std::unique_ptr<QWidget> createClosedForm(const FigureScene &scene)
{
    auto view = std::make_unique<ClosedFormView>();
    view->setSource(scene.source.config, scene.source.dataset);
    view->setModel(scene.source.model);
    view->setTrajectory(&scene.source.trajectory);
    view->solveNow();
    return view;
}

/// One figure: its name (the file stem, Figure::figureName()), the optional parts of the frame
/// it draws, and how its widget is built. A new view is one line here and one factory above.
struct FigureEntry
{
    const char *name;
    ViewNeeds needs;
    std::unique_ptr<QWidget> (*create)(const FigureScene &scene);
};

const FigureEntry kFigures[] = {
    {"boundary", ViewNeeds{}, createBoundary},
    {"loss", ViewNeeds{}, createLoss},
    {"network", NetworkDiagram::addNeeds({}), createNetwork},
    {"folding", FoldingView::requiredNeeds({}), createFolding},
    {"regions", ViewNeeds{.regions = true}, createRegions},
    {"health", ViewNeeds{}, createHealth},
    {"backprop", ViewNeeds{}, createBackprop},
    {"function", ViewNeeds{}, createFunction},
    {"optimizers", ViewNeeds{}, createOptimizers},
    {"landscape", ViewNeeds{}, createLandscape},
    {"closedform", ViewNeeds{}, createClosedForm},
};

ViewNeeds unite(ViewNeeds a, const ViewNeeds &b)
{
    a.neuronMaps = a.neuronMaps || b.neuronMaps;
    a.neuronResolution = std::max(a.neuronResolution, b.neuronResolution);
    a.regions = a.regions || b.regions;
    a.regionResolution = std::max(a.regionResolution, b.regionResolution);
    a.folding = a.folding || b.folding;
    a.foldingSide = std::max(a.foldingSide, b.foldingSide);
    a.foldingPrincipal = std::max(a.foldingPrincipal, b.foldingPrincipal);
    return a;
}

}  // namespace

FigureRenderer::FigureRenderer(FigureSource source)
    : m_source(std::move(source))
    , m_document(std::make_unique<Document>())
    , m_paintTool(std::make_unique<PaintTool>())
{
    m_document->reset(m_source.config, m_source.dataset);
}

FigureRenderer::~FigureRenderer() = default;

QStringList FigureRenderer::figureNames()
{
    QStringList names;
    for (const FigureEntry &entry : kFigures)
        names << QString::fromLatin1(entry.name);
    return names;
}

const ViewFrame &FigureRenderer::frame(const ViewNeeds &needs)
{
    // One frame serves every figure; it is computed again only when a figure needs a part
    // the earlier ones did not.
    const ViewNeeds wanted = unite(m_frameNeeds, needs);
    if (m_haveFrame && wanted == m_frameNeeds)
        return m_frame;
    BoundaryStyle style;
    style.background = QApplication::palette().color(QPalette::Base).rgb();
    const GridSpec grid = BoundaryView(m_document.get(), m_paintTool.get()).grid();
    m_frame = computeViewFrame(m_source.model, m_document->dataset(), style, grid, wanted);
    // The frame's predictions belong to the document's data as it is now.
    m_frame.datasetVersion = m_document->datasetRevision();
    m_frameNeeds = wanted;
    m_haveFrame = true;
    // Views built before keep the frame they were given; they needed no more than it had.
    return m_frame;
}

const Figure *FigureRenderer::figure(const QString &name)
{
    if (const auto it = m_views.find(name); it != m_views.end())
        return dynamic_cast<const Figure *>(it->second.get());
    for (const FigureEntry &entry : kFigures) {
        if (name != QLatin1String(entry.name))
            continue;
        const FigureScene scene{*m_document, *m_paintTool, frame(entry.needs), m_source};
        std::unique_ptr<QWidget> view = entry.create(scene);
        const Figure *figure = dynamic_cast<const Figure *>(view.get());
        Q_ASSERT_X(figure && figure->figureName() == name, "FigureRenderer", "the entry's name must be the figure's");
        m_views.emplace(name, std::move(view));
        return figure;
    }
    return nullptr;
}

std::vector<const Figure *> FigureRenderer::figures()
{
    std::vector<const Figure *> all;
    for (const QString &name : figureNames())
        all.push_back(figure(name));
    return all;
}

}  // namespace np
