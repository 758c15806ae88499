#pragma once

#include "data/dataset.h"

#include <QImage>
#include <QStringList>

#include <vector>

class QPainter;
class QPalette;
class QRectF;

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

    /// The text shown, one entry per line: the message, or every caption then the notes.
    QStringList text() const;
    /// Draws the page into rect with the painter's font; the training points of `dataset` go on
    /// every map.
    void draw(QPainter &painter, const QRectF &rect, const Dataset &dataset, const QPalette &palette) const;
};

}  // namespace np
