#pragma once

#include <QWidget>

class QLabel;

namespace ms::ui {

class RunChooser;
class TimelineWidget;

// The bottom of the main window: the "Run:" chooser, the timeline under it
// and one line of legend saying what the colours mark.
//
// Design: layout only. The timeline is the window's (the parts hold it);
// this widget adopts it, and ExplanationSession fills the chooser.
class TimelineArea : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineArea(TimelineWidget *timeline, QWidget *parent = nullptr);

    RunChooser *runChooser() const { return m_runChooser; }
    QLabel *legend() const { return m_legend; }

private:
    RunChooser *m_runChooser;
    QLabel *m_legend;
};

} // namespace ms::ui
