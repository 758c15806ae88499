// The Backprop view's input: the step keys, the pointer over the canvas (an input to edit in
// graph mode; a unit to hover or a point to pick in network mode) and the in-place value editor.
#include "backpropgraphpainter.h"
#include "backpropplane.h"
#include "backpropview.h"
#include "document.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>

#include <cmath>

namespace np {

void BackpropView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right: setStep(step() + 1); return;
    case Qt::Key_Left: setStep(step() - 1); return;
    case Qt::Key_Home: setStep(0); return;
    case Qt::Key_End: setStep(lastStep()); return;
    default: QWidget::keyPressEvent(event);
    }
}

bool BackpropView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_canvas) {
        if (event->type() == QEvent::MouseButtonPress) {
            auto *mouse = static_cast<QMouseEvent *>(event);
            setFocus();
            if (mouse->button() == Qt::LeftButton)
                canvasClicked(mouse->position());
        } else if (event->type() == QEvent::MouseMove) {
            canvasHovered(static_cast<QMouseEvent *>(event)->position());
        } else if (event->type() == QEvent::Leave) {
            canvasHovered(QPointF(-1e6, -1e6));
        }
    } else if (watched == m_inputEditor && event->type() == QEvent::KeyPress) {
        if (static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            m_editing = -1;
            m_inputEditor->hide();
            setFocus();
            return true;
        }
    } else if (watched == m_inputEditor && event->type() == QEvent::FocusOut && m_editing >= 0) {
        m_editing = -1;
        m_inputEditor->hide();
    }
    return QWidget::eventFilter(watched, event);
}

void BackpropView::canvasClicked(QPointF pos)
{
    if (m_mode == Graph) {
        for (int i : m_graph.inputs()) {
            if (graphBox(i).contains(pos)) {
                openInputEditor(i);
                return;
            }
        }
        return;
    }
    const QRectF square = planeRect(canvasRect());
    if (!showsPlane(canvasRect()) || !square.contains(pos) || !m_document)
        return;
    // The nearest training point to the click.
    int best = -1;
    double bestDistance = 0;
    const std::vector<DataPoint> &points = m_document->dataset().points;
    for (int i = 0; i < int(points.size()); ++i) {
        if (points[std::size_t(i)].validation)
            continue;
        const QPointF d = BackpropPlane::toPixel(square, m_domain, points[std::size_t(i)].x1, points[std::size_t(i)].x2) - pos;
        const double distance = QPointF::dotProduct(d, d);
        if (best < 0 || distance < bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    if (best >= 0)
        selectPoint(best);
}

void BackpropView::canvasHovered(QPointF pos)
{
    if (m_mode != Network || !walk())
        return;
    const QFontMetricsF fm(figureFont(canvasRect()));
    BackpropNetworkPainter network(*walk(), m_model, m_networkStep, {}, palette());
    const QRectF area = canvasRect();
    network.setNotes(trainingNotes());
    const WalkUnit unit = network.unitAt(network.diagramArea(diagramRect(area), area.width(), fm), fm, pos);
    if (unit != m_hovered) {
        m_hovered = unit;
        m_canvas->update();
    }
}

void BackpropView::openInputEditor(int node)
{
    if (!m_inputEditor) {
        m_inputEditor = new QLineEdit(m_canvas);
        m_inputEditor->installEventFilter(this);
        connect(m_inputEditor, &QLineEdit::returnPressed, this, &BackpropView::commitInputEditor);
    }
    m_editing = node;
    m_inputEditor->setText(QString::number(m_graph.node(node).value, 'g', 10));
    m_inputEditor->setToolTip(tr("The value of %1; Enter applies, Escape cancels").arg(QString::fromStdString(m_graph.node(node).name)));
    m_inputEditor->setGeometry(graphBox(node).toAlignedRect());
    m_inputEditor->show();
    m_inputEditor->setFocus();
    m_inputEditor->selectAll();
}

void BackpropView::commitInputEditor()
{
    if (m_editing < 0)
        return;
    QString text = m_inputEditor->text().trimmed();
    text.replace(QChar(0x2212), QLatin1Char('-'));
    text.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        m_inputEditor->selectAll();
        return;
    }
    const int node = m_editing;
    m_editing = -1;
    m_inputEditor->hide();
    setFocus();
    setGraphInput(node, value);
}

}  // namespace np
