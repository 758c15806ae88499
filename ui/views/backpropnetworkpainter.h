#pragma once

#include "analysis/networkbackprop.h"

#include <QFontMetricsF>
#include <QPalette>
#include <QPointF>
#include <QRectF>
#include <QStringList>

#include <vector>

class QPainter;

namespace np {

/// Where one step of a network walk is: the point, forward layer by layer, the loss, backward
/// layer by layer (output first), then the SGD update.
struct NetworkWalkStep
{
    enum Phase { Point, Forward, Loss, Backward, Update };
    Phase phase = Point;
    int layer = -1;  ///< the layer of a Forward or Backward step

    static NetworkWalkStep at(int step, int layers);
    static int lastStep(int layers) { return 2 * layers + 2; }
};

/// A unit of the diagram: column 0 is the network's input, column l + 1 is layer l.
struct WalkUnit
{
    int column = -1;
    int unit = -1;
    bool isValid() const { return column >= 0 && unit >= 0; }
    bool operator==(const WalkUnit &) const = default;
};

/// Draws one point's walk through the user's own network: every unit with its z and a above it
/// (once forward reached its layer) and δ below it (once backward did), edges coloured by W, by
/// ∂L/∂W while backward handles their layer, by the change of W at the update; and under the
/// diagram the current step's formula in the notes' notation with the numbers of the hovered unit.
class BackpropNetworkPainter
{
public:
    BackpropNetworkPainter(const PointBackprop &walk, const Model &model, int step, WalkUnit hovered,
                           const QPalette &palette);

    /// The diagram's part of rect (the explanation goes below it, wrapped to textWidth).
    QRectF diagramArea(const QRectF &rect, double textWidth, const QFontMetricsF &fm) const;
    /// Every unit's centre and the circles' radius in a diagram area.
    std::vector<std::vector<QPointF>> unitCentres(const QRectF &area, const QFontMetricsF &fm, double *radius) const;
    /// The unit under pos, if any.
    WalkUnit unitAt(const QRectF &area, const QFontMetricsF &fm, QPointF pos) const;

    /// Draws the diagram in rect and the explanation under it, across textWidth from rect's left.
    void paint(QPainter &painter, const QRectF &rect, double textWidth, const QFontMetricsF &fm) const;
    /// Sentences the walk cannot know (the optimizer, the penalty), shown at every step.
    void setNotes(const QStringList &notes) { m_extraNotes = notes; }

    /// The step's explanation: a title, the formula, the hovered unit's numbers, notes.
    QStringList explanation() const;

private:
    void drawEdges(QPainter &painter, const std::vector<std::vector<QPointF>> &centres) const;
    QString unitName(int column, int unit) const;
    QString layerName(int layer) const;
    WalkUnit focus() const;
    QStringList forwardLines(int layer, int unit) const;
    QStringList backwardLines(int layer, int unit) const;
    QStringList lossLines() const;
    QStringList updateLines(int layer, int unit) const;
    QStringList notes() const;

    const PointBackprop &m_walk;
    const Model &m_model;
    int m_step;
    NetworkWalkStep m_at;
    WalkUnit m_hovered;
    QPalette m_palette;
    QStringList m_extraNotes;
};

}  // namespace np
