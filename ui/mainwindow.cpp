#include "mainwindow.h"

#include "data/generators.h"
#include "session/config.h"

#include <QPainter>
#include <QWidget>

namespace np {

namespace {

class DataPlot : public QWidget
{
public:
    explicit DataPlot(Dataset dataset, QWidget *parent = nullptr)
        : QWidget(parent)
        , m_dataset(std::move(dataset))
    {
        setMinimumSize(400, 400);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.fillRect(rect(), palette().base());
        const double side = std::min(width(), height());
        const QPointF origin((width() - side) / 2, (height() - side) / 2);
        const QColor colors[] = {QColor(0xf5, 0x93, 0x22), QColor(0x08, 0x77, 0xbd)};
        for (const DataPoint &point : m_dataset.points) {
            const QPointF at(origin.x() + (point.x1 + 6) / 12 * side, origin.y() + (6 - point.x2) / 12 * side);
            p.setBrush(colors[point.label % 2]);
            p.setPen(Qt::white);
            p.drawEllipse(at, 4, 4);
        }
    }

private:
    Dataset m_dataset;
};

}  // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Neural Playground"));
    setCentralWidget(new DataPlot(generateDataset(defaultConfig().data), this));
    resize(1280, 800);
}

}  // namespace np
