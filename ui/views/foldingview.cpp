#include "foldingpainter.h"
#include "foldingview.h"

#include "figurepainting.h"
#include "numberformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace np {

/// The plot area: FoldingView::paintFigure with the title and legend left to the controls above.
class FoldingView::Canvas : public QWidget
{
public:
    explicit Canvas(FoldingView *view)
        : QWidget(view)
        , m_view(view)
    {
        setMinimumSize(240, 200);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        FigureOptions options;
        options.title = false;
        options.legend = false;
        m_view->paintFigure(painter, rect(), options);
    }

private:
    FoldingView *m_view;
};

FoldingView::FoldingView(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    m_layerCombo = new QComboBox(this);
    // Long layer names must not make the view too wide for a dock.
    m_layerCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_layerCombo->setMinimumContentsLength(10);
    m_layerCombo->setToolTip(tr("The layer whose space is shown: the input grid and the data as that layer sees them"));
    m_principalBox = new QCheckBox(tr("Principal components"), this);
    m_principalBox->setToolTip(tr("Show a layer wider than two units on its first two principal components "
                                  "(the directions in which the mapped grid varies most) instead of two units"));
    m_unitXCombo = new QComboBox(this);
    m_unitXCombo->setToolTip(tr("The unit on the horizontal axis"));
    m_unitYCombo = new QComboBox(this);
    m_unitYCombo->setToolTip(tr("The unit on the vertical axis"));
    m_fixedBox = new QCheckBox(tr("Fixed scale"), this);
    m_fixedBox->setToolTip(tr("Keep the axes' range across frames, so the motion during training shows; "
                              "it grows only when points would leave it. Off: fit every frame."));
    m_resetButton = new QPushButton(tr("Reset scale"), this);
    m_resetButton->setToolTip(tr("Fit the fixed range to the current picture"));
    m_playButton = new QToolButton(this);
    m_playButton->setCheckable(true);
    m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_playButton->setToolTip(tr("Play the transformation from the previous layer's space to this one, over and over"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, 100);
    m_slider->setValue(100);  // the view opens on the layer itself (m_t = 1)
    m_morphLabel = new QLabel(this);
    m_morphLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_morphLabel->setMinimumWidth(int(std::ceil(QFontMetricsF(font()).horizontalAdvance(QStringLiteral("100%")))) + 2);
    m_canvas = new Canvas(this);

    // Three short rows rather than two long ones: at presentation size the view must fit a
    // third of a 1280-pixel projector beside the plane, its captions uncut.
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Layer"), this));
    top->addWidget(m_layerCombo, 1);
    top->addWidget(m_principalBox);
    auto *middle = new QHBoxLayout;
    middle->addWidget(new QLabel(tr("x"), this));
    middle->addWidget(m_unitXCombo);
    middle->addWidget(new QLabel(tr("y"), this));
    middle->addWidget(m_unitYCombo);
    middle->addStretch(1);
    middle->addWidget(m_fixedBox);
    middle->addWidget(m_resetButton);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_playButton);
    bottom->addWidget(m_slider, 1);
    bottom->addWidget(m_morphLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(middle);
    layout->addLayout(bottom);
    layout->addWidget(m_canvas, 1);

    // Forth and back in a 4 s loop, 1.4 s each way with a pause at both ends: slow enough to
    // follow a fold, and no jump back to the start.
    m_animation = new QVariantAnimation(this);
    m_animation->setDuration(4000);
    m_animation->setLoopCount(-1);
    m_animation->setKeyValues({{0.0, 0.0}, {0.1, 0.0}, {0.45, 1.0}, {0.6, 1.0}, {0.95, 0.0}, {1.0, 0.0}});

    connect(m_layerCombo, &QComboBox::activated, this, [this](int index) { setLayer(index + 1); });
    connect(m_principalBox, &QCheckBox::toggled, this, &FoldingView::setPrincipalComponents);
    connect(m_unitXCombo, &QComboBox::activated, this,
            [this](int index) { setUnits(index, units().second); });
    connect(m_unitYCombo, &QComboBox::activated, this,
            [this](int index) { setUnits(units().first, index); });
    connect(m_fixedBox, &QCheckBox::toggled, this, &FoldingView::setFixedScale);
    connect(m_resetButton, &QPushButton::clicked, this, &FoldingView::resetScale);
    connect(m_playButton, &QToolButton::toggled, this, &FoldingView::setPlaying);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        setPlaying(false);  // the user took over
        setMorph(value / 100.0);
    });
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant &value) { setMorph(value.toDouble()); });

    updateControls();
}

FoldingView::~FoldingView() = default;

ViewNeeds FoldingView::requiredNeeds(ViewNeeds needs)
{
    needs.folding = true;
    needs.foldingSide = kMeshSide;
    return needs;
}

ViewNeeds FoldingView::addNeeds(ViewNeeds needs) const
{
    needs = requiredNeeds(needs);
    needs.foldingPrincipal = m_scene.principalComponents() ? m_scene.layer() : 0;
    return needs;
}

void FoldingView::setFrame(const ViewFrame &frame)
{
    const int layer = m_scene.layer();
    m_scene.setFrame(frame);
    updateControls();
    sceneRebuilt();
    if (m_scene.layer() != layer)  // the network lost layers
        emit needsChanged();
}

QStringList FoldingView::layerNames() const
{
    return m_scene.layerNames();
}

void FoldingView::setLayer(int space)
{
    if (m_scene.setLayer(space)) {
        updateControls();
        sceneRebuilt();
        emit needsChanged();
    }
}

void FoldingView::setPrincipalComponents(bool on)
{
    if (m_scene.setPrincipalComponents(on)) {
        updateControls();
        sceneRebuilt();
        emit needsChanged();
    }
}

void FoldingView::setUnits(int unitX, int unitY)
{
    if (m_scene.setUnits(unitX, unitY)) {
        updateControls();
        sceneRebuilt();
    }
}

void FoldingView::setFixedScale(bool fixed)
{
    // Turning it on keeps what is shown now as the starting range; turning it off fits at once.
    if (m_scene.setFixedScale(fixed)) {
        updateControls();
        if (!fixed)
            sceneRebuilt();
    }
}

void FoldingView::resetScale()
{
    m_scene.resetScale();
    m_canvas->update();
}

void FoldingView::setMorph(double t)
{
    if (!m_scene.setMorph(t))
        return;
    {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int(std::lround(100 * m_scene.morph())));
    }
    showMorph();
}

void FoldingView::sceneRebuilt()
{
    // The morph label changes only when there is a picture to morph.
    if (m_scene.message().isEmpty())
        m_morphLabel->setText(tr("%1%").arg(std::lround(100 * m_scene.morph())));
    m_canvas->update();
}

void FoldingView::showMorph()
{
    m_morphLabel->setText(tr("%1%").arg(std::lround(100 * m_scene.morph())));
    if (m_scene.message().isEmpty())
        m_canvas->update();
}

bool FoldingView::isPlaying() const
{
    return m_animation->state() != QAbstractAnimation::Stopped;
}

bool FoldingView::isAnimating() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

void FoldingView::setOnScreen(bool onScreen)
{
    m_onScreen = onScreen;
    followScreen();
}

void FoldingView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    followScreen();
}

void FoldingView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    followScreen();
}

void FoldingView::followScreen()
{
    // Hidden (its dock closed or tabbed away): no morph steps nobody sees; it resumes where it was.
    const bool seen = isVisible() && m_onScreen;
    if (seen && m_animation->state() == QAbstractAnimation::Paused)
        m_animation->resume();
    else if (!seen && m_animation->state() == QAbstractAnimation::Running)
        m_animation->pause();
}

void FoldingView::setPlaying(bool playing)
{
    if (playing == isPlaying())
        return;
    if (playing) {
        m_animation->start();
        followScreen();
    } else {
        m_animation->stop();
    }
    const QSignalBlocker block(m_playButton);
    m_playButton->setChecked(playing);
    m_playButton->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

QString FoldingView::figureName() const
{
    return QStringLiteral("folding");
}

QString FoldingView::figureTitle() const
{
    return m_scene.title();
}

QSize FoldingView::sizeHint() const
{
    return {640, 640};
}

void FoldingView::updateControls()
{
    const auto refill = [](QComboBox *combo, const QStringList &items, int current) {
        QStringList now;
        for (int i = 0; i < combo->count(); ++i)
            now << combo->itemText(i);
        const QSignalBlocker block(combo);
        if (now != items) {
            combo->clear();
            combo->addItems(items);
        }
        combo->setCurrentIndex(current);
    };
    refill(m_layerCombo, layerNames(), m_scene.layer() - 1);
    m_layerCombo->setEnabled(m_scene.spaceCount() > 1);

    const int n = m_scene.unitsOf(m_scene.layer());
    {
        const QSignalBlocker block(m_principalBox);
        m_principalBox->setChecked(m_scene.principalComponents());
    }
    m_principalBox->setEnabled(n > 2);
    QStringList unitNames;
    for (int j = 0; j < n; ++j)
        unitNames << QStringLiteral("a") + subscript(j + 1);
    const std::pair<int, int> u = units();
    refill(m_unitXCombo, unitNames, u.first);
    refill(m_unitYCombo, n > 1 ? unitNames : QStringList{QStringLiteral("—")}, std::max(u.second, 0));
    m_unitXCombo->setEnabled(n > 0 && !usesPrincipalComponents());
    m_unitYCombo->setEnabled(n > 1 && !usesPrincipalComponents());

    {
        const QSignalBlocker block(m_fixedBox);
        m_fixedBox->setChecked(m_scene.fixedScale());
    }
    m_resetButton->setEnabled(m_scene.fixedScale());
    const QString from = m_scene.spaceName(m_scene.layer() - 1);
    m_slider->setToolTip(tr("0%: %1, as the layer before sees it; 100%: %2").arg(from, m_scene.spaceName(m_scene.layer())));
}

void FoldingView::paintFigure(QPainter &painter, const QRectF &rect, const FigureOptions &options) const
{
    painter.save();
    painter.setFont(font());
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm = figureMetrics(painter, font());
    const QRectF area = beginFigure(painter, rect, options, figureTitle(), font(), palette());
    const QString text = m_scene.message();
    if (!text.isEmpty()) {
        painter.setPen(palette().color(QPalette::Text));
        const double margin = fm.height();
        painter.drawText(area.adjusted(margin, margin, -margin, -margin), Qt::AlignCenter | Qt::TextWordWrap, text);
        painter.restore();
        return;
    }
    FoldingPainter(m_scene, m_document, palette(), &m_stamps).paint(painter, area, fm, options.legend);
    painter.restore();
}

}  // namespace np
