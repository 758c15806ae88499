// What the GUI thread's largest picture costs, without a window: the network diagram of the deep
// network (8 x 64 ReLU), laid out read-only (without the editing controls' header line) at the
// width of np-uibenchmark's 640 x 480 dock and the part of it that dock shows, drawn step by step into an image as the screen cache draws it (the edges picked
// for the frame's weights, the titles, each level of edges, the input names, each column of maps
// with its marks and bias markers, the legend). Prints the median of each kind of step and one
// JSON line.
//   build/release/bench/np-paintbenchmark [--pictures N]
#include "common/memoryreuse.h"
#include "scenarios.h"
#include "diagramedges.h"
#include "diagramlayout.h"
#include "diagramnetwork.h"
#include "diagrampainter.h"
#include "networkdiagram.h"
#include "training/trainer.h"
#include "viewframe.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace np;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

}  // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    keepFreedMemoryForReuse();  // as the app does
    QApplication app(argc, argv);
    int pictures = 60;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--pictures") == 0 && i + 1 < argc) {
            pictures = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: np-paintbenchmark [--pictures N]\n");
            return 2;
        }
    }

    const Config config = bench::deepConfig();
    const Dataset data = generateDataset(config.data);
    Trainer trainer;
    trainer.reset(config, data);
    trainer.train(200);  // weights a little way into training, not the initial ones
    FrameScratch scratch;
    const ViewFrame frame = computeViewFrame(trainer.model(), data, BoundaryStyle{}, GridSpec{},
                                             NetworkDiagram::addNeeds(ViewNeeds{}), scratch, nullptr, true);

    // The widget's size in the dock's scroll area: the dock's width, the height the network asks for.
    NetworkDiagram widget;
    widget.setFrame(frame);
    const QSize size(std::max(widget.minimumSizeHint().width(), 625), widget.minimumSizeHint().height());
    const QRect visible(0, 0, 625, 455);
    DiagramNetwork net;
    net.setModel(frame.model);
    FigureOptions options;
    options.title = false;
    const QFont font = widget.font();
    const DiagramLayout layout = DiagramLayout::compute(QRectF(QPointF(), QSizeF(size)), QFontMetricsF(font), options,
                                                        net, DiagramPainter::legendItems(net));
    const QPalette palette = widget.palette();
    DiagramStamps stamps;  // the widget's
    const DiagramPainter painter(net, frame, palette, &stamps);
    const int steps = painter.stepCount();

    DiagramEdges edges;
    QImage image(visible.size(), QImage::Format_RGB32);
    std::vector<double> select, titles, lines, inputs, columns, legend, total;
    for (int p = 0; p < pictures; ++p) {
        QElapsedTimer timer;
        timer.start();
        edges.select(layout, net);
        select.push_back(msSince(timer));
        QPainter q(&image);
        q.setFont(font);
        q.fillRect(visible, palette.color(QPalette::Base));
        double edgeMs = 0, columnMs = 0;
        double all = select.back();
        for (int step = 0; step < steps; ++step) {
            timer.restart();
            painter.drawStep(q, layout, edges, true, QRectF(visible), step);
            const double ms = msSince(timer);
            all += ms;
            if (step == 0)
                titles.push_back(ms);
            else if (step <= DiagramEdges::kLevels)
                edgeMs += ms;
            else if (step == DiagramEdges::kLevels + 1)
                inputs.push_back(ms);
            else if (step + 1 < steps)
                columnMs += ms;
            else
                legend.push_back(ms);
        }
        lines.push_back(edgeMs);
        columns.push_back(columnMs);
        total.push_back(all);
    }
    int drawn = 0;
    for (int c = 1; c < net.columnCount(); ++c)
        drawn += edges.drawnCount[std::size_t(c)];
    std::printf("network diagram, 8 x 64 ReLU, %dx%d widget, %dx%d shown, %d edges drawn (medians of %d pictures)\n",
                size.width(), size.height(), visible.width(), visible.height(), drawn, pictures);
    std::printf("  picture %7.2f ms: edges picked %5.2f, titles %5.2f, edges %5.2f, inputs %5.2f, "
                "maps and markers %5.2f, legend %5.2f\n",
                median(total), median(select), median(titles), median(lines), median(inputs), median(columns),
                median(legend));
    std::printf("{\"picture\":\"diagram\",\"pictureMs\":%.3f,\"selectMs\":%.3f,\"titlesMs\":%.3f,\"edgesMs\":%.3f,"
                "\"inputsMs\":%.3f,\"columnsMs\":%.3f,\"legendMs\":%.3f}\n",
                median(total), median(select), median(titles), median(lines), median(inputs), median(columns),
                median(legend));
    return 0;
}
