#pragma once

#include "data/dataset.h"

#include <QImage>
#include <QRectF>
#include <QStringList>

#include <vector>

class QFont;
class QPaintDevice;
class QPainter;
class QPalette;

namespace np {

/// What a page of the regions view shows, region maps with their captions and notes below or
/// one message instead, and how it is drawn: the maps in the grid that makes them largest, the
/// training points on each, the notes centred under them.
struct RegionsPage
{
    /// One region map with its caption lines; the first line is the title.
    struct Panel
    {
        QImage image;
        QStringList lines;
    };

    std::vector<Panel> panels;
    QStringList notes;
    QString message;

    /// Where everything goes in a rectangle: a square per panel, a box per caption line (tall
    /// enough for the line word-wrapped to the panel's width), a box per note.
    struct Layout
    {
        std::vector<QRectF> squares;
        std::vector<std::vector<QRectF>> captions;  ///< per panel, per line
        std::vector<QRectF> notes;
    };

    /// The training points drawn once for a map's size into a transparent image, then reused for
    /// every map and frame until the data or the size changes (a screen cache; clear() on new data).
    struct PointLayer
    {
        QImage image;
        QSizeF size;
        QPointF offset;  ///< the square's position within a device pixel
        double radius = 0;
        void clear() { image = QImage(); }
    };

    /// The text shown, one entry per line: the message, or every caption then the notes.
    QStringList text() const;
    /// The layout in rect for a font on a device (the screen when null); captions wrap rather
    /// than being cut, and the maps shrink to make room for them.
    Layout layout(const QRectF &rect, const QFont &font, QPaintDevice *device = nullptr) const;
    /// Draws the page into rect with the painter's font; the training points of `dataset` go on
    /// every map, from `points` when given (on screen), else each drawn anew (figure export).
    void draw(QPainter &painter, const QRectF &rect, const Dataset &dataset, const QPalette &palette,
              PointLayer *points = nullptr) const;
};

}  // namespace np
