#pragma once

#include <QAbstractButton>
#include <QRect>

namespace np {

/// An input's tile (and its name) in the network diagram as a switch: it draws only a focus or
/// hover frame, the diagram draws the tile under it. Pointer moves go on to the diagram, which
/// shows the map.
class InputToggle : public QAbstractButton
{
public:
    explicit InputToggle(QWidget *parent);

    /// The tile's part of the button (its right end; the name stands left of it).
    void setTile(const QRect &tile) { m_tile = tile; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRect m_tile;
};

}  // namespace np
