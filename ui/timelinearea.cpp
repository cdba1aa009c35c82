#include "ui/timelinearea.h"

#include "ui/runchooser.h"
#include "ui/timeline/timelinewidget.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ms::ui {

TimelineArea::TimelineArea(TimelineWidget *timeline, QWidget *parent)
    : QWidget(parent), m_runChooser(new RunChooser(this)),
      m_legend(new QLabel(TimelineWidget::legendHtml(), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_runChooser);
    layout->addWidget(timeline, 1);
    m_legend->setTextFormat(Qt::RichText);
    // One line, cut at the window's edge rather than widening it; the
    // tooltip says what each colour marks.
    m_legend->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_legend->setToolTip(
        tr("Level colours fill the Clips lane. Modality colours mark a clip's concepts (V, A, T "
           "letters or dots), and draw a run's score and attention lanes. In the Errors lane a "
           "dark mark is a spurious attribution (the model relies on a modality without an "
           "annotated concept), a light one an annotated modality the model ignores."));
    layout->addWidget(m_legend);
}

} // namespace ms::ui
