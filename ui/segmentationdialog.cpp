#include "ui/segmentationdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

namespace ms::ui {

SegmentationDialog::SegmentationDialog(SegmentationSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_method(new QComboBox(this)),
      m_sensitivity(new QSlider(Qt::Horizontal, this)), m_sensitivityValue(new QLabel(this)),
      m_minLength(new QDoubleSpinBox(this)), m_length(new QDoubleSpinBox(this)),
      m_gap(new QDoubleSpinBox(this)), m_status(new QLabel(this)),
      m_propose(new QPushButton(tr("&Propose"), this)),
      m_accept(new QPushButton(tr("&Accept: Make the Clips"), this)),
      m_discard(new QPushButton(tr("&Discard"), this))
{
    setWindowTitle(tr("Segment Film into Clips"));
    setModal(false);
    m_method->addItem(tr("Shots (cuts in the pictures)"), int(SegmentationSession::Method::Shots));
    m_method->addItem(tr("Fixed length"), int(SegmentationSession::Method::Fixed));
    m_method->addItem(tr("Subtitle cues"), int(SegmentationSession::Method::Cues));
    m_sensitivity->setRange(0, 100);
    m_sensitivity->setValue(50);
    m_sensitivity->setToolTip(tr("0: only clear cuts; 100: every candidate"));
    m_sensitivityValue->setMinimumWidth(32);
    for (QDoubleSpinBox *box : {m_minLength, m_length, m_gap}) {
        box->setSuffix(tr(" s"));
        box->setDecimals(2);
    }
    m_minLength->setRange(0, 600);
    m_minLength->setValue(1.0);
    m_length->setRange(0.5, 3600);
    m_length->setValue(60);
    m_gap->setRange(0, 60);
    m_gap->setValue(0);
    m_gap->setToolTip(tr("Cues closer than this share a clip; 0: one clip per cue"));
    m_status->setWordWrap(true);

    auto *sensitivityRow = new QHBoxLayout;
    sensitivityRow->addWidget(m_sensitivity);
    sensitivityRow->addWidget(m_sensitivityValue);
    auto *form = new QFormLayout;
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&Sensitivity:"), sensitivityRow);
    form->addRow(tr("Shortest &clip:"), m_minLength);
    form->addRow(tr("Clip &length:"), m_length);
    form->addRow(tr("Join cues &closer than:"), m_gap);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_propose, QDialogButtonBox::ActionRole);
    buttons->addButton(m_accept, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_discard, QDialogButtonBox::DestructiveRole);
    buttons->addButton(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_method, &QComboBox::currentIndexChanged, this,
            &SegmentationDialog::parametersChanged);
    connect(m_sensitivity, &QSlider::valueChanged, this, &SegmentationDialog::parametersChanged);
    for (QDoubleSpinBox *box : {m_minLength, m_length, m_gap})
        connect(box, &QDoubleSpinBox::valueChanged, this, &SegmentationDialog::parametersChanged);
    connect(m_propose, &QPushButton::clicked, this, [this] {
        m_live = true;
        m_session->propose(parameters());
    });
    connect(m_accept, &QPushButton::clicked, this, [this] {
        if (!m_session->accept().isEmpty())
            m_live = false;
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        m_live = false;
        m_session->discard();
        m_status->setText(tr("Proposal discarded."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_session, &SegmentationSession::message, m_status, &QLabel::setText);
    connect(m_session, &SegmentationSession::proposalChanged, this,
            &SegmentationDialog::updateState);
    connect(m_session, &SegmentationSession::detectingChanged, this,
            &SegmentationDialog::updateState);
    updateState();
}

SegmentationSession::Parameters SegmentationDialog::parameters() const
{
    SegmentationSession::Parameters p;
    p.method = SegmentationSession::Method(m_method->currentData().toInt());
    p.sensitivity = m_sensitivity->value() / 100.0;
    p.minLengthMs = qint64(m_minLength->value() * 1000);
    p.lengthMs = qint64(m_length->value() * 1000);
    p.gapMs = qint64(m_gap->value() * 1000);
    return p;
}

void SegmentationDialog::parametersChanged()
{
    updateState();
    const auto p = parameters();
    // Shots propose again only from kept scores: a slider move never starts decoding.
    if (m_live && (p.method != SegmentationSession::Method::Shots || m_session->hasScores()))
        m_session->propose(p);
}

void SegmentationDialog::updateState()
{
    const auto method = SegmentationSession::Method(m_method->currentData().toInt());
    const bool shots = method == SegmentationSession::Method::Shots;
    m_sensitivity->setEnabled(shots);
    m_minLength->setEnabled(shots);
    m_length->setEnabled(method == SegmentationSession::Method::Fixed);
    m_gap->setEnabled(method == SegmentationSession::Method::Cues);
    m_sensitivityValue->setText(QString::number(m_sensitivity->value()));
    m_propose->setEnabled(!m_session->isDetecting());
    m_accept->setEnabled(!m_session->proposal().isEmpty() && !m_session->isDetecting());
    m_discard->setEnabled(!m_session->proposal().isEmpty() || m_session->isDetecting());
}

void SegmentationDialog::done(int result)
{
    m_live = false;
    m_session->discard();
    QDialog::done(result);
}

} // namespace ms::ui
