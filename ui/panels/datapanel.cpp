#include "datapanel.h"

#include "colors.h"
#include "datasummary.h"
#include "document.h"
#include "painttool.h"
#include "settingwidgets.h"

#include "session/config.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace np {

namespace {

constexpr double kNoiseSliderScale = 100.0;   // slider units per plane unit of noise
constexpr double kBrushSliderScale = 10.0;    // slider units per plane unit of radius
constexpr int kTargetSliderScale = 100;       // slider units per unit of target value

/// A swatch of class k's colour with its number; the checked state wears a ring in the text
/// colour so the current class stands out on light and dark themes alike.
QIcon classIcon(int k, int side, qreal dpr, const QPalette &palette, const QFont &font)
{
    QIcon icon;
    const QColor color = classColor(k);
    for (const bool on : {false, true}) {
        QPixmap pixmap(QSize(side, side) * dpr);
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        {
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            const QRectF outer(1.0, 1.0, side - 2.0, side - 2.0);
            if (on) {
                p.setPen(QPen(palette.color(QPalette::WindowText), 2.0));
                p.setBrush(Qt::NoBrush);
                p.drawRoundedRect(outer, 4, 4);
            }
            const QRectF swatch = outer.adjusted(3, 3, -3, -3);
            p.setPen(color.darker(130));
            p.setBrush(color);
            p.drawRoundedRect(swatch, 3, 3);
            p.setPen(qGray(color.rgb()) > 140 ? Qt::black : Qt::white);
            QFont f = font;
            f.setBold(on);
            p.setFont(f);
            p.drawText(swatch, Qt::AlignCenter, QString::number(k + 1));
        }
        icon.addPixmap(pixmap, QIcon::Normal, on ? QIcon::On : QIcon::Off);
    }
    return icon;
}

}  // namespace

DataPanel::DataPanel(Document *document, PaintTool *tool, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_tool(tool)
{
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("dataSummary"));
    m_summary->setWordWrap(true);
    m_summary->setToolTip(tr("The points the network trains on now: painted, imported or generated."));
    layout->addWidget(m_summary);
    layout->addWidget(createGeneratorGroup());
    layout->addWidget(createPaintGroup());
    layout->addStretch(1);

    connect(m_document, &Document::configChanged, this, &DataPanel::syncFromDocument);
    connect(m_document, &Document::datasetChanged, this, &DataPanel::syncPaintTool);
    connect(m_document, &Document::datasetChanged, this,
            [this] { m_summary->setText(dataSummary(m_document->dataset())); });
    m_summary->setText(dataSummary(m_document->dataset()));
    connect(m_tool, &PaintTool::changed, this, &DataPanel::syncPaintTool);
    (new WheelGuard(this))->guard(this);
    syncFromDocument();
    syncPaintTool();
}

QWidget *DataPanel::createGeneratorGroup()
{
    auto *group = new QGroupBox(tr("Generator"));
    m_generatorForm = makeForm(group);
    QFormLayout *form = m_generatorForm;

    m_generator = new QComboBox;
    m_generator->setObjectName(QStringLiteral("generator"));
    for (const GeneratorInfo &info : generators())
        m_generator->addItem(QString::fromUtf8(info.title), static_cast<int>(info.generator));
    addRow(form, tr("Data"), m_generator, tr("The kind of data to generate; the last two are regression, the rest classification."));

    m_classes = new QSpinBox;
    m_classes->setObjectName(QStringLiteral("classes"));
    m_classes->setKeyboardTracking(false);
    addRow(form, tr("Classes"), m_classes, tr("How many classes the generator draws (spiral arms, Gaussians, rings …)."));

    m_count = new QSpinBox;
    m_count->setObjectName(QStringLiteral("count"));
    m_count->setRange(1, 1'000'000);
    m_count->setSingleStep(100);
    m_count->setKeyboardTracking(false);
    addRow(form, tr("Points"), m_count, tr("Number of points generated, training and validation together."));

    m_noise = new QSlider(Qt::Horizontal);
    m_noise->setObjectName(QStringLiteral("noise"));
    m_noise->setRange(0, static_cast<int>(2.0 * kNoiseSliderScale));
    m_noise->setPageStep(10);
    m_noiseValue = new NumberSpinBox;
    m_noiseValue->setObjectName(QStringLiteral("noiseValue"));
    m_noiseValue->setRange(0.0, 10.0);
    m_noiseValue->setSingleStep(0.05);
    const QString noiseTip = tr("Standard deviation σ of the Gaussian jitter added to each coordinate, in plane "
                                "units (the plane spans −6…6; regression targets get σ/6).");
    m_noiseValue->setToolTip(noiseTip);
    m_noise->setToolTip(noiseTip);
    addRow(form, tr("Noise"), pairRow(m_noise, m_noiseValue), noiseTip);

    m_validation = new QSpinBox;
    m_validation->setObjectName(QStringLiteral("validation"));
    m_validation->setRange(0, 90);
    m_validation->setSingleStep(5);
    m_validation->setSuffix(tr(" %"));
    m_validation->setKeyboardTracking(false);
    addRow(form, tr("Validation"), m_validation,
           tr("Share of the points held out from training to measure how well the network generalises."));

    m_seed = new SeedSpinBox;
    m_seed->setObjectName(QStringLiteral("dataSeed"));
    auto *newSeed = new QPushButton(tr("New"));
    newSeed->setObjectName(QStringLiteral("newDataSeed"));
    newSeed->setToolTip(tr("Draw the data again with a new random seed."));
    auto *seedRow = new QWidget;
    auto *seedLayout = new QHBoxLayout(seedRow);
    seedLayout->setContentsMargins(0, 0, 0, 0);
    seedLayout->addWidget(m_seed, 1);
    seedLayout->addWidget(newSeed);
    const QString seedTip = tr("Seed of the random generator: the same settings and seed give the same points.");
    m_seed->setToolTip(seedTip);
    addRow(form, tr("Seed"), seedRow, seedTip);

    auto *regenerate = new QPushButton(tr("Regenerate"));
    regenerate->setObjectName(QStringLiteral("regenerate"));
    regenerate->setToolTip(tr("Generate the points again from these settings, replacing painted ones; the network keeps its weights."));
    auto *clear = new QPushButton(tr("Clear"));
    clear->setObjectName(QStringLiteral("clear"));
    clear->setToolTip(tr("Remove every point, keeping the task and the number of classes, to paint data of your own."));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(regenerate);
    buttons->addWidget(clear);
    form->addRow(buttons);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("dataProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(m_problem);

    connect(m_generator, &QComboBox::currentIndexChanged, this, [this] {
        DataSpec spec = m_document->config().data;
        spec.generator = static_cast<Generator>(m_generator->currentData().toInt());
        const GeneratorInfo &info = generatorInfo(spec.generator);
        if (info.task == Task::Classification)
            spec.classes = std::clamp(spec.classes, info.minClasses, info.maxClasses);
        changeSpec(spec, tr("Change generator"));
    });
    connect(m_classes, &QSpinBox::valueChanged, this, [this](int classes) {
        DataSpec spec = m_document->config().data;
        spec.classes = classes;
        changeSpec(spec, tr("Change number of classes"), QStringLiteral("data.classes"));
    });
    connect(m_count, &QSpinBox::valueChanged, this, [this](int count) {
        DataSpec spec = m_document->config().data;
        spec.count = count;
        changeSpec(spec, tr("Change number of points"), QStringLiteral("data.count"));
    });
    connect(m_noise, &QSlider::valueChanged, this, [this](int value) { setNoise(value / kNoiseSliderScale); });
    connect(m_noiseValue, &QDoubleSpinBox::valueChanged, this, &DataPanel::setNoise);
    connect(m_validation, &QSpinBox::valueChanged, this, [this](int percent) {
        DataSpec spec = m_document->config().data;
        spec.validationFraction = percent / 100.0;
        changeSpec(spec, tr("Change validation share"), QStringLiteral("data.validation"));
    });
    connect(m_seed, &QDoubleSpinBox::valueChanged, this, [this](double seed) {
        DataSpec spec = m_document->config().data;
        spec.seed = static_cast<std::uint64_t>(seed);
        changeSpec(spec, tr("Change data seed"), QStringLiteral("data.seed"));
    });
    connect(newSeed, &QPushButton::clicked, this, [this] {
        DataSpec spec = m_document->config().data;
        // Small numbers are easier to read out to a class than 64-bit ones.
        std::uint64_t seed = spec.seed;
        while (seed == spec.seed)
            seed = QRandomGenerator::global()->bounded(1, 1'000'000);
        spec.seed = seed;
        changeSpec(spec, tr("New data seed"));
    });
    connect(regenerate, &QPushButton::clicked, this,
            [this] { changeSpec(m_document->config().data, tr("Regenerate data")); });
    connect(clear, &QPushButton::clicked, this, [this] {
        Dataset empty;
        empty.task = m_document->dataset().task;
        empty.classCount = m_document->dataset().classCount;
        m_document->changeDataset(empty, tr("Clear data"));
    });
    return group;
}

QWidget *DataPanel::createPaintGroup()
{
    auto *group = new QGroupBox(tr("Paint"));
    m_paintForm = makeForm(group);
    QFormLayout *form = m_paintForm;

    m_palette = new QWidget;
    auto *paletteLayout = new QHBoxLayout(m_palette);
    paletteLayout->setContentsMargins(0, 0, 0, 0);
    paletteLayout->setSpacing(0);
    auto *classGroup = new QButtonGroup(this);
    classGroup->setExclusive(true);
    for (int k = 0; k < kMaxClasses; ++k) {
        auto *button = new QToolButton;
        button->setObjectName(QStringLiteral("paintClass%1").arg(k));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolTip(tr("Paint class %1 (key %1)").arg(k + 1));
        classGroup->addButton(button, k);
        paletteLayout->addWidget(button);
        m_classButtons[static_cast<std::size_t>(k)] = button;
        connect(button, &QToolButton::clicked, this, [this, k] { m_tool->setCurrentClass(k); });
    }
    paletteLayout->addStretch(1);
    addRow(form, tr("Class"), m_palette, tr("The class that painted points get; the number keys pick one too."));

    m_target = new QSlider(Qt::Horizontal);
    m_target->setObjectName(QStringLiteral("paintTarget"));
    m_target->setRange(-kTargetSliderScale, kTargetSliderScale);
    m_target->setPageStep(10);
    m_targetValue = new QLabel;
    m_targetValue->setObjectName(QStringLiteral("paintTargetValue"));
    m_targetValue->setAlignment(Qt::AlignCenter);
    m_targetValue->setAutoFillBackground(true);
    m_targetValue->setMinimumWidth(m_targetValue->fontMetrics().horizontalAdvance(QStringLiteral(" −0.00 ")));
    m_targetRow = pairRow(m_target, m_targetValue);
    const QString targetTip = tr("The regression value y in [−1, 1] that painted points get (orange −1, blue +1).");
    m_target->setToolTip(targetTip);
    m_targetValue->setToolTip(targetTip);
    addRow(form, tr("Target"), m_targetRow, targetTip);

    m_brush = new QSlider(Qt::Horizontal);
    m_brush->setObjectName(QStringLiteral("brushSize"));
    m_brush->setRange(1, 20);
    m_brush->setPageStep(2);
    m_brushValue = new QLabel;
    m_brushValue->setObjectName(QStringLiteral("brushSizeValue"));
    m_brushValue->setMinimumWidth(m_brushValue->fontMetrics().horizontalAdvance(QStringLiteral("0.00")));
    const QString brushTip = tr("Radius of the brush in plane units (the plane spans −6…6).");
    m_brush->setToolTip(brushTip);
    m_brushValue->setToolTip(brushTip);
    addRow(form, tr("Brush"), pairRow(m_brush, m_brushValue), brushTip);

    m_density = new QSlider(Qt::Horizontal);
    m_density->setObjectName(QStringLiteral("density"));
    m_density->setRange(1, 20);
    m_density->setPageStep(2);
    m_densityValue = new QLabel;
    m_densityValue->setObjectName(QStringLiteral("densityValue"));
    m_densityValue->setMinimumWidth(m_densityValue->fontMetrics().horizontalAdvance(QStringLiteral("00")));
    const QString densityTip = tr("How many points each dab of the brush scatters inside its radius.");
    m_density->setToolTip(densityTip);
    m_densityValue->setToolTip(densityTip);
    addRow(form, tr("Density"), pairRow(m_density, m_densityValue), densityTip);

    // The paint tool is not part of the document (choosing a brush is not an edit to undo).
    connect(m_target, &QSlider::valueChanged, this,
            [this](int value) { m_tool->setTargetValue(double(value) / kTargetSliderScale); });
    connect(m_brush, &QSlider::valueChanged, this,
            [this](int value) { m_tool->setBrushRadius(value / kBrushSliderScale); });
    connect(m_density, &QSlider::valueChanged, m_tool, &PaintTool::setDensity);

    updateClassIcons();
    return group;
}

void DataPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The swatches are drawn with the palette's colours; redraw them for a new theme or font.
    if (m_palette && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
                      || event->type() == QEvent::StyleChange)) {
        updateClassIcons();
        updateTargetSwatch();
    }
}

void DataPanel::updateClassIcons()
{
    const int side = fontMetrics().height() * 3 / 2 + 4;
    for (int k = 0; k < kMaxClasses; ++k) {
        QToolButton *button = m_classButtons[static_cast<std::size_t>(k)];
        button->setIconSize(QSize(side, side));
        button->setIcon(classIcon(k, side, devicePixelRatioF(), palette(), font()));
    }
}

void DataPanel::updateTargetSwatch()
{
    const double t = m_tool->targetValue();
    const QColor background = QColor::fromRgb(divergingColor(t, palette().color(QPalette::Base).rgb()));
    QPalette p = m_targetValue->palette();
    p.setColor(QPalette::Window, background);
    p.setColor(QPalette::WindowText, qGray(background.rgb()) > 140 ? Qt::black : Qt::white);
    m_targetValue->setPalette(p);
    m_targetValue->setText(QString::number(t, 'f', 2).replace(QLatin1Char('-'), QChar(0x2212)));
}

void DataPanel::syncFromDocument()
{
    const DataSpec &spec = m_document->config().data;
    const GeneratorInfo &info = generatorInfo(spec.generator);
    setCurrentDataQuietly(m_generator, static_cast<int>(spec.generator));
    {
        const QSignalBlocker blocker(m_classes);
        m_classes->setRange(info.minClasses, info.maxClasses);
        m_classes->setValue(spec.classes);
    }
    m_generatorForm->setRowVisible(m_classes, info.task == Task::Classification);
    setQuietly(m_count, spec.count);
    setQuietly(m_noise, static_cast<int>(std::lround(spec.noise * kNoiseSliderScale)));
    setQuietly(m_noiseValue, spec.noise);
    setQuietly(m_validation, static_cast<int>(std::lround(spec.validationFraction * 100.0)));
    setQuietly(m_seed, static_cast<double>(spec.seed));
    m_problem->hide();
}

void DataPanel::syncPaintTool()
{
    const Dataset &data = m_document->dataset();
    const bool classification = data.isClassification();
    if (classification && m_tool->currentClass() >= data.classCount) {
        m_tool->setCurrentClass(data.classCount - 1);  // emits changed, which syncs again
        return;
    }
    for (int k = 0; k < kMaxClasses; ++k) {
        QToolButton *button = m_classButtons[static_cast<std::size_t>(k)];
        button->setVisible(classification && k < data.classCount);
        setCheckedQuietly(button, k == m_tool->currentClass());
    }
    m_paintForm->setRowVisible(m_palette, classification);
    m_paintForm->setRowVisible(m_targetRow, !classification);

    setQuietly(m_target, static_cast<int>(std::lround(m_tool->targetValue() * kTargetSliderScale)));
    updateTargetSwatch();
    setQuietly(m_brush, static_cast<int>(std::lround(m_tool->brushRadius() * kBrushSliderScale)));
    m_brushValue->setText(QString::number(m_tool->brushRadius(), 'f', 1));
    setQuietly(m_density, m_tool->density());
    m_densityValue->setText(QString::number(m_tool->density()));
}

void DataPanel::setNoise(double noise)
{
    DataSpec spec = m_document->config().data;
    spec.noise = noise;
    changeSpec(spec, tr("Change noise"), QStringLiteral("data.noise"));
}

void DataPanel::changeSpec(const DataSpec &spec, const QString &text, const QString &mergeKey)
{
    if (const std::string problem = validateDataSpec(spec); !problem.empty()) {
        syncFromDocument();
        m_problem->setText(QString::fromStdString(problem));
        m_problem->show();
        return;
    }
    const Dataset dataset = generateDataset(spec);
    // A 1-D curve gives the network x1 alone (and leaving one gives x2 back).
    Config config = fitConfigToGenerator(m_document->config(), spec.generator);
    config.data = spec;
    if (dataset.task != m_document->dataset().task) {
        // A new kind of problem gets its usual output and loss: a linear output that happened
        // to suit regression is a poor default for classes, even though it can be trained.
        config.network.head = defaultHead(dataset.task, dataset.classCount);
        config.network.loss = defaultLoss(config.network.head, dataset.task);
        config.training.algorithm = Algorithm::GradientDescent;
    }
    // New data may need another output: 3 classes cannot be told apart by one sigmoid.
    config = fitConfigToData(config, dataset.task, dataset.classCount);
    if (const std::string problem = validateConfig(config, dataset.task, dataset.classCount); !problem.empty()) {
        syncFromDocument();
        m_problem->setText(QString::fromStdString(problem));
        m_problem->show();
        return;
    }
    m_document->changeDataset(dataset, text, &config, mergeKey);
}

}  // namespace np
