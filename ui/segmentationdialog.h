#pragma once

#include "ui/segmentationsession.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;

namespace ms::ui {

// Film > Segment Film into Clips: the method (shots, fixed length, subtitle
// cues) and its parameters, Propose, and Accept / Discard. Not modal: the
// proposal is on the timeline to be looked at and played while the dialog
// is open. Once a proposal is shown, every change of a parameter proposes
// again (shots from the kept scores, at once). Closing discards the
// proposal. Only controls: the work is SegmentationSession's.
class SegmentationDialog : public QDialog
{
    Q_OBJECT
public:
    SegmentationDialog(SegmentationSession *session, QWidget *parent = nullptr);

    SegmentationSession::Parameters parameters() const;
    QComboBox *methodBox() const { return m_method; }
    QSlider *sensitivitySlider() const { return m_sensitivity; }
    QDoubleSpinBox *minLengthBox() const { return m_minLength; }
    QPushButton *proposeButton() const { return m_propose; }
    QPushButton *acceptButton() const { return m_accept; }
    QLabel *statusLabel() const { return m_status; }

protected:
    void done(int result) override;

private:
    void parametersChanged();
    void updateState();

    SegmentationSession *m_session;
    QComboBox *m_method;
    QSlider *m_sensitivity;
    QLabel *m_sensitivityValue;
    QDoubleSpinBox *m_minLength;
    QDoubleSpinBox *m_length;
    QDoubleSpinBox *m_gap;
    QLabel *m_status;
    QPushButton *m_propose;
    QPushButton *m_accept;
    QPushButton *m_discard;
    bool m_live = false; // a proposal was asked for: changes propose again
};

} // namespace ms::ui
