#include "weighteditor.h"

#include "diagramnetwork.h"
#include "document.h"
#include "neuronformula.h"
#include "trainingcontroller.h"
#include "undocommands.h"

#include <QFontMetricsF>
#include <QKeyEvent>
#include <QLineEdit>
#include <QUndoStack>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace np {

WeightEditor::WeightEditor(QWidget *host, const DiagramNetwork &net)
    : QObject(host)
    , m_host(host)
    , m_net(net)
{
}

void WeightEditor::setTarget(TrainingController *controller, Document *document)
{
    m_controller = controller;
    m_document = document;
}

bool WeightEditor::isEnabled() const
{
    return m_controller && m_document;
}

void WeightEditor::open(const DiagramHit &hit, const QPointF &anchor, const QRect &area, double em)
{
    if (!m_editor) {
        m_editor = new QLineEdit(m_host);
        m_editor->installEventFilter(this);
        connect(m_editor, &QLineEdit::returnPressed, this, &WeightEditor::commit);
    }
    m_editing = hit;
    // The shortest text that reads back as the same float, so Enter without a change changes nothing.
    std::array<char, 32> digits{};
    const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), m_net.value(hit));
    m_editor->setText(QString::fromLatin1(digits.data(), written.ptr - digits.data()));
    m_editor->setToolTip(NeuronFormula::valueText(m_net, hit));
    const QFontMetricsF fm(m_host->font());
    const QSize size(int(std::ceil(fm.horizontalAdvance(QStringLiteral("−0.0000000")) + em)), m_editor->sizeHint().height());
    QRect box(anchor.toPoint() - QPoint(size.width() / 2, size.height() / 2), size);
    box.moveLeft(std::clamp(box.left(), area.left(), std::max(area.left(), area.right() - box.width())));
    box.moveTop(std::clamp(box.top(), area.top(), std::max(area.top(), area.bottom() - box.height())));
    m_editor->setGeometry(box);
    m_editor->show();
    m_editor->setFocus();
    m_editor->selectAll();
}

void WeightEditor::commit()
{
    if (!m_editor || m_editing.kind == DiagramHit::None)
        return;
    QString text = m_editor->text().trimmed();
    text.replace(QChar(0x2212), QLatin1Char('-'));
    text.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double after = text.toDouble(&ok);
    if (!ok || !std::isfinite(after)) {
        m_editor->selectAll();  // stays open: nothing sensible to apply
        return;
    }
    const DiagramHit hit = m_editing;
    close();
    const float before = m_net.value(hit);
    if (float(after) == before || !m_controller || !m_document)
        return;
    const QString symbol = NeuronFormula::valueText(m_net, hit).section(QLatin1Char(' '), 0, 0);
    const QString name = hit.kind == DiagramHit::Edge ? tr("Edit weight %1").arg(symbol) : tr("Edit bias %1").arg(symbol);
    m_document->undoStack()->push(new EditWeight(m_controller, hit.column - 1, hit.row,
                                                 hit.kind == DiagramHit::Bias ? -1 : hit.from, before, float(after), name));
}

void WeightEditor::close()
{
    m_editing = {};
    if (m_editor && m_editor->isVisible()) {
        m_editor->hide();
        m_host->setFocus();
    }
}

bool WeightEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor) {
        if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            close();
            return true;
        }
        if (event->type() == QEvent::FocusOut && m_editor->isVisible())
            close();  // clicking elsewhere cancels, as in a spreadsheet cell
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace np
