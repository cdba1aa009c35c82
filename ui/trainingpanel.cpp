#include "ui/trainingpanel.h"

#include "core/error.h"
#include "models/torchruntime.h"
#include "models/trainingjob.h"
#include "ui/labelrulecombo.h"
#include "ui/projectdocument.h"
#include "ui/runstablemodel.h"
#include "ui/trainingcurvechart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace ms::ui {

TrainingPanel::TrainingPanel(ProjectDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_ownJobs(new core::JobRunner(this)),
      m_runsModel(new RunsTableModel(this))
{

    auto *form = new QFormLayout;
    auto *mods = new QHBoxLayout;
    m_v = new QCheckBox(tr("Visual"));
    m_a = new QCheckBox(tr("Audio"));
    m_t = new QCheckBox(tr("Text"));
    m_v->setObjectName(QStringLiteral("modalityV"));
    m_a->setObjectName(QStringLiteral("modalityA"));
    m_t->setObjectName(QStringLiteral("modalityT"));
    m_v->setChecked(true);
    for (auto *c : {m_v, m_a, m_t})
        mods->addWidget(c);
    form->addRow(tr("Modalities"), mods);
    m_fusion = new QComboBox;
    m_fusion->setObjectName(QStringLiteral("fusion"));
    m_fusion->addItem(tr("early (one encoder)"), QStringLiteral("early"));
    m_fusion->addItem(tr("late (max of branches)"), QStringLiteral("late"));
    form->addRow(tr("Fusion"), m_fusion);
    m_trainSet = new QComboBox;
    m_trainSet->setObjectName(QStringLiteral("trainSet"));
    m_trainSet->addItem(tr("CMSD (concept-informed)"), QStringLiteral("CMSD"));
    m_trainSet->addItem(tr("CMAD (legacy labels)"), QStringLiteral("CMAD"));
    m_trainSet->addItem(tr("both"), QStringLiteral("both"));
    form->addRow(tr("Train on"), m_trainSet);
    m_folds = new QSpinBox;
    m_folds->setObjectName(QStringLiteral("folds"));
    m_folds->setRange(3, 12);
    m_folds->setValue(5);
    form->addRow(tr("Folds"), m_folds);
    m_epochs = new QSpinBox;
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(100);
    form->addRow(tr("Max epochs"), m_epochs);
    m_quick = new QCheckBox(tr("Quick (small model, patience 5)"));
    m_quick->setObjectName(QStringLiteral("quick"));
    form->addRow(QString(), m_quick);
    m_device = new QComboBox;
    m_device->setObjectName(QStringLiteral("device"));
    m_device->setToolTip(tr("auto: the first CUDA device LibTorch sees, else the CPU"));
    setDeviceChoices(models::TorchRuntime::deviceChoices());
    form->addRow(tr("Device"), m_device);
    m_labelRule = new LabelRuleCombo;
    m_labelRule->setObjectName(QStringLiteral("labelRule"));
    form->addRow(tr("Labels from"), m_labelRule);

    m_start = new QPushButton(tr("Start training"));
    m_start->setObjectName(QStringLiteral("start"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Idle"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_deviceLabel = new QLabel(tr("Device: not started"));
    m_deviceLabel->setObjectName(QStringLiteral("deviceInUse"));
    m_chart = new TrainingCurveChart;
    m_chart->setObjectName(QStringLiteral("curves"));
    m_runs = new QTableView;
    m_runs->setObjectName(QStringLiteral("runs"));
    m_runs->setModel(m_runsModel);
    m_runs->horizontalHeader()->setStretchLastSection(true);
    m_runs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->verticalHeader()->hide();
    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(500);
    m_log->setMaximumHeight(90);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_deviceLabel);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_log);
    layout->addWidget(new QLabel(tr("Runs")));
    layout->addWidget(m_runs, 1);

    auto updateFusion = [this] {
        const int n = int(m_v->isChecked()) + int(m_a->isChecked()) + int(m_t->isChecked());
        m_fusion->setEnabled(n > 1);
        m_start->setEnabled(!m_training && n > 0 && m_document);
    };
    for (auto *c : {m_v, m_a, m_t})
        connect(c, &QCheckBox::toggled, this, updateFusion);
    connect(m_quick, &QCheckBox::toggled, this, [this](bool on) { m_epochs->setValue(on ? 20 : 100); });
    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::startTraining);
    connect(m_cancel, &QPushButton::clicked, this, &TrainingPanel::cancelTraining);
    connect(m_runs, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT runActivated(m_runsModel->runId(index.row()));
    });

    setJobRunner(nullptr);
    updateFusion();
    followLabelRule();
    m_runsModel->setDocument(document);
    if (!m_runsModel->lastError().isEmpty())
        m_status->setText(m_runsModel->lastError());
}

TrainingPanel::~TrainingPanel()
{
    // The run is recorded as cancelled; the panel's own runner waits for it.
    if (m_training && m_jobs)
        m_jobs->cancel(m_job);
}

void TrainingPanel::setJobRunner(core::JobRunner *runner)
{
    if (m_training)
        return;
    if (m_jobs)
        disconnect(m_jobs, nullptr, this, nullptr);
    m_jobs = runner ? runner : m_ownJobs;
    // Queued: the runner reports on this thread; other jobs' reports are
    // told apart by id.
    connect(m_jobs, &core::JobRunner::logLine, this,
            [this](core::JobRunner::JobId id, const QString &line) {
                if (id != m_job)
                    return;
                if (line.startsWith(models::TrainingJob::devicePrefix())) {
                    const QString device = line.mid(models::TrainingJob::devicePrefix().size());
                    m_deviceLabel->setText(tr("Device: %1").arg(device));
                    Q_EMIT deviceChanged(device);
                }
                m_log->appendPlainText(line);
            });
    connect(m_jobs, &core::JobRunner::partialResult, this,
            [this](core::JobRunner::JobId id, const QVariant &v) {
                if (id != m_job || !v.canConvert<models::ExperimentProgress>())
                    return;
                const auto p = v.value<models::ExperimentProgress>();
                onEpoch(p.model, p.models, p.modelName, p.epoch.epoch, p.epoch.maxEpochs,
                        p.epoch.loss, p.epoch.validationAucPr, p.etaSeconds);
            });
    connect(m_jobs, &core::JobRunner::finished, this, &TrainingPanel::onJobFinished);
}

void TrainingPanel::onJobFinished(core::JobRunner::JobId id, const core::JobOutcome &outcome)
{
    if (id != m_job)
        return;
    m_job = 0;
    setTraining(false);
    const qint64 runId = outcome.result.toLongLong();
    if (outcome.isDone()) {
        m_progress->setValue(100);
        m_status->setText(tr("Run %1 finished.\n%2").arg(runId).arg(outcome.message));
    } else if (outcome.isCancelled()) {
        m_status->setText(tr("Run %1 cancelled; the models finished before are kept.").arg(runId));
    } else {
        m_status->setText(tr("Training failed: %1").arg(outcome.message));
    }
    refreshRuns();
    if (outcome.isDone())
        Q_EMIT trainingFinished(runId);
    else if (outcome.isCancelled())
        Q_EMIT trainingCancelled(runId);
    else
        Q_EMIT trainingFailed(outcome.message);
}

bool TrainingPanel::setDocument(ProjectDocument *document)
{
    if (m_training)
        return false;
    if (m_document)
        disconnect(m_document, &ProjectDocument::labelRuleChanged, this, nullptr);
    m_document = document;
    followLabelRule();
    m_start->setEnabled(document);
    m_runsModel->setDocument(document);
    if (!m_runsModel->lastError().isEmpty())
        m_status->setText(m_runsModel->lastError());
    return true;
}

void TrainingPanel::followLabelRule()
{
    if (!m_document) {
        m_labelRule->setAnnotatorSource({});
        m_labelRule->setAnnotators({});
        m_labelRule->setRule({});
        return;
    }
    QPointer<ProjectDocument> document = m_document;
    m_labelRule->setAnnotatorSource([document]() -> QStringList {
        try {
            return document ? document->annotators() : QStringList();
        } catch (const core::UserError &) {
            return {};
        }
    });
    m_labelRule->setRule(m_document->labelRule());
    connect(m_document, &ProjectDocument::labelRuleChanged, this,
            [this] { m_labelRule->setRule(m_document->labelRule()); });
}

QString TrainingPanel::projectPath() const
{
    return m_document ? m_document->path() : QString();
}

void TrainingPanel::setDeviceChoices(const QStringList &devices)
{
    const QString before = deviceChoice();
    m_device->clear();
    for (const QString &d : devices) {
        if (d == u"auto")
            m_device->addItem(tr("auto"), d);
        else if (d == u"cpu")
            m_device->addItem(tr("CPU"), d);
        else // "cuda:0 (NVIDIA H200)" where the driver names it
            m_device->addItem(models::TorchRuntime::deviceLabel(d), d);
    }
    m_device->setCurrentIndex(std::max(0, m_device->findData(before)));
}

QStringList TrainingPanel::deviceChoices() const
{
    QStringList out;
    for (int i = 0; i < m_device->count(); ++i)
        out.append(m_device->itemData(i).toString());
    return out;
}

QString TrainingPanel::deviceChoice() const
{
    return m_device->currentData().toString();
}

void TrainingPanel::setTraining(bool on)
{
    m_training = on;
    m_start->setEnabled(!on && m_document);
    m_cancel->setEnabled(on);
    for (QWidget *w : std::initializer_list<QWidget *>{m_v, m_a, m_t, m_trainSet, m_folds, m_epochs,
                                                       m_quick, m_device, m_labelRule})
        w->setEnabled(!on);
    m_fusion->setEnabled(!on && int(m_v->isChecked()) + int(m_a->isChecked()) + int(m_t->isChecked()) > 1);
}

void TrainingPanel::startTraining()
{
    if (m_training || !m_jobs || !m_document)
        return;
    core::ModalitySet set;
    if (m_v->isChecked())
        set.insert(core::Modality::Visual);
    if (m_a->isChecked())
        set.insert(core::Modality::Audio);
    if (m_t->isChecked())
        set.insert(core::Modality::Text);
    if (set.isEmpty())
        return;
    const bool single = set.letters().size() == 1;
    const models::GridEntry entry{
        set,
        single ? models::Fusion::None : *models::parseFusion(m_fusion->currentData().toString())};
    models::ExperimentSpec::Options options;
    const QString ts = m_trainSet->currentData().toString();
    options.trainSets = ts == u"both" ? QStringList{QStringLiteral("CMAD"), QStringLiteral("CMSD")}
                                      : QStringList{ts};
    options.folds = m_folds->value();
    options.quick = m_quick->isChecked();
    options.maxEpochs = m_epochs->value();
    options.device = deviceChoice();
    options.labelRule = m_labelRule->rule();
    options.kind = QStringLiteral("gui");
    models::ExperimentSpec spec;
    try {
        spec = models::ExperimentSpec::single(entry, options);
    } catch (const core::UserError &e) {
        m_status->setText(tr("Cannot train: %1").arg(e.message()));
        return;
    }
    m_chart->reset(QString());
    m_currentModel = 0;
    m_progress->setValue(0);
    m_status->setText(tr("Starting %1…").arg(spec.label));
    setTraining(true);
    m_job = m_jobs->start(std::make_unique<models::TrainingJob>(m_document->location(), spec),
                          QStringLiteral("training"));
    Q_EMIT trainingStarted();
}

void TrainingPanel::cancelTraining()
{
    if (!m_training || !m_jobs)
        return;
    m_jobs->cancel(m_job);
    m_status->setText(tr("Cancelling…"));
}

void TrainingPanel::onEpoch(int model, int models, const QString &name, int epoch, int maxEpochs,
                            double loss, double validationAucPr, double etaSeconds)
{
    if (model != m_currentModel) {
        m_currentModel = model;
        m_chart->reset(name);
    }
    m_chart->addEpoch(epoch, loss, validationAucPr);
    // Early stopping makes the epoch count an upper bound: the bar moves by
    // models, and within a model by epochs of at most maxEpochs.
    const int percent = int(100.0 * (double(model - 1) + double(epoch) / maxEpochs) / models);
    m_progress->setValue(std::clamp(percent, 0, 99));
    m_status->setText(tr("Model %1 of %2: %3, epoch %4, loss %5, validation AUC-PR %6, "
                         "at most %7 left")
                          .arg(model)
                          .arg(models)
                          .arg(name)
                          .arg(epoch)
                          .arg(loss, 0, 'f', 4)
                          .arg(std::isnan(validationAucPr) ? QStringLiteral("n/a")
                                                            : QString::number(validationAucPr, 'f', 4))
                          .arg(etaSeconds < 90 ? tr("%1 s").arg(int(etaSeconds))
                                               : tr("%1 min").arg(int(etaSeconds / 60))));
    Q_EMIT progressed(m_progress->value());
}

void TrainingPanel::refreshRuns()
{
    if (!m_runsModel->refresh())
        m_status->setText(m_runsModel->lastError());
}

} // namespace ms::ui
