#pragma once

#include "data/dataset.h"

#include <QFont>
#include <QImage>
#include <QRectF>
#include <QStringList>

#include <vector>

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
    /// every frame until the data or the size changes (a screen cache; clear() on new data). The
    /// maps of a page sit at different fractions of a pixel, so there is one image per fraction.
    struct PointLayer
    {
        struct Image
        {
            QImage image;
            QPointF offset;  ///< the square's position within a device pixel
        };
        std::vector<Image> images;
        QSizeF size;
        double radius = 0;
        qreal dpr = 1;
        int draws = 0;  ///< images drawn so far (each map's points drawn anew counts one)
        void clear() { images.clear(); }
    };

    /// The layout last drawn on screen, reused while the rectangle, font and text stay the same
    /// (laying out wraps every caption at several widths).
    struct LayoutCache
    {
        QRectF rect;
        QFont font;
        qreal dpr = 0;
        QStringList text;
        std::size_t panels = 0;
        Layout layout;
        void clear() { dpr = 0; }
    };

    /// The text shown, one entry per line: the message, or every caption then the notes.
    QStringList text() const;
    /// The layout in rect for a font on a device (the screen when null); captions wrap rather
    /// than being cut, and the maps shrink to make room for them.
    Layout layout(const QRectF &rect, const QFont &font, QPaintDevice *device = nullptr) const;
    /// Draws the page into rect with the painter's font; the training points of `dataset` go on
    /// every map, from `points` when given (on screen), else each drawn anew (figure export); the
    /// layout from `layout` when given and still right for this page.
    void draw(QPainter &painter, const QRectF &rect, const Dataset &dataset, const QPalette &palette,
              PointLayer *points = nullptr, LayoutCache *layout = nullptr) const;
    /// draw in steps, on one painter in order, so a screen cache can spread the work over several
    /// turns of the event loop: each map with its points and caption, then the notes.
    int stepCount() const { return message.isEmpty() ? int(panels.size()) + 1 : 1; }
    void drawStep(QPainter &painter, const QRectF &rect, const Dataset &dataset, const QPalette &palette,
                  PointLayer &points, LayoutCache &layout, int step) const;

private:
    void drawMessage(QPainter &painter, const QRectF &rect, const QPalette &palette) const;
    void drawPart(QPainter &painter, const Layout &layout, const Dataset &dataset, const QPalette &palette,
                  PointLayer *points, int step) const;
    const Layout &layoutFrom(LayoutCache &cache, const QRectF &rect, QPainter &painter) const;
};

}  // namespace np
