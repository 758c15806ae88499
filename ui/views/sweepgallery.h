#pragma once

#include "figure.h"

#include "training/sweep.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace np {

/// The input plane the sweep's tiles show, [-kSweepExtent, kSweepExtent]^2, as the boundary view.
inline constexpr double kSweepExtent = 6.0;

/// The sweep's results as a grid of small decision boundaries, each labelled with its value and
/// final loss, the best one framed. Clicking a tile emits tileClicked.
class SweepGallery : public QWidget, public Figure
{
    Q_OBJECT

public:
    /// One value's tile: its result (pending until trained) and its boundary image.
    struct Tile
    {
        SweepResult result;
        QImage boundary;  ///< empty until the value is trained
    };

    explicit SweepGallery(QWidget *parent = nullptr);

    /// Starts a new gallery: one pending tile per value.
    void start(SweepSetting setting, const std::vector<double> &values, const Dataset &dataset);
    void setResult(int index, const SweepResult &result, const QImage &boundary);
    /// Marks values never started (after a cancel) and picks the best.
    void finish();

    SweepSetting setting() const { return m_setting; }
    const std::vector<Tile> &tiles() const { return m_tiles; }
    /// The index of the best tile (lowest validation loss), or -1 (none yet, or all diverged).
    int bestIndex() const { return m_best; }
    /// Where tile i is drawn in the widget.
    QRectF tileRect(int index) const;
    /// The two lines under tile i: the value, then the loss or what happened.
    QStringList tileLabel(int index) const;
    /// The tile side in pixels for the widget's font: about 160 px at a 17 px line.
    double tileSide() const;
    /// The tile side in a widget `width` wide: tileSide(), smaller when one tile would not fit.
    double sideFor(double width) const;

    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

    QString figureName() const override;
    QString figureTitle() const override;
    void paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const override;

signals:
    void tileClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    struct Grid;
    Grid grid(const QRectF &area, double side, double line) const;
    void draw(QPainter &painter, const QRectF &area, double side, const QFontMetricsF &fm) const;

    SweepSetting m_setting = SweepSetting::LearningRate;
    Dataset m_dataset;
    std::vector<Tile> m_tiles;
    int m_best = -1;
};

}  // namespace np
