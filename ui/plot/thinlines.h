#pragma once

#include <QLineF>
#include <QRgb>

class QPainter;

namespace np {

/// Draws one-pixel aliased lines in an opaque colour, as a one-pixel pen without antialiasing
/// draws them: one pixel per device column of a flat line (per row of a steep one), the one whose
/// centre's column (row) the line crosses at that centre. Where the painter paints a raster image
/// at whole device pixels (no clipping, a transform that only moves) the pixels are written here,
/// about ten times as fast as QPainter's stroker, which costs about a microsecond a line: the
/// network diagram's 1,344 dense edges of 8 x 64 (ui/views/diagrampainter.cpp). Elsewhere (SVG,
/// PDF, a scaled or clipped painter) the painter draws them with a one-pixel pen.
void drawThinLines(QPainter &painter, const QLineF *lines, int count, QRgb colour);

/// Whether drawThinLines writes the pixels itself on this painter (else the painter draws).
bool drawsThinLinesDirectly(const QPainter &painter);

}  // namespace np
