#include "app/cli/jobprinter.h"

#include "core/error.h"
#include "core/jobs/jobrunner.h"

namespace ms::cli {

JobPrinter::JobPrinter(QTextStream &err, Progress style, QString label)
    : m_err(err), m_log(&err), m_style(style), m_label(std::move(label))
{
}

core::JobOutcome JobPrinter::run(core::Job &job)
{
    int lastPercent = -1;
    QString lastLine; // Lines: a stage's text once, not on every progress step
    // A log line or a partial must not be glued to a half-written percent line.
    auto endPercentLine = [&] {
        if (lastPercent >= 0 && m_style == Progress::Percent) {
            m_err << "\n";
            lastPercent = -1;
        }
    };
    core::JobRunner::Sinks sinks;
    sinks.progress = [&](const core::JobProgress &p) {
        if (m_style == Progress::Lines) {
            if (!p.text.isEmpty() && p.text != lastLine)
                m_err << p.text << Qt::endl;
            lastLine = p.text;
            return;
        }
        if (p.fraction < 0)
            return;
        const int percent = int(p.fraction * 100);
        if (percent == lastPercent)
            return;
        lastPercent = percent;
        m_err << "\r" << (m_label.isEmpty() ? job.kind() : m_label) << ": " << percent << "%";
        if (!p.text.isEmpty())
            m_err << " (" << p.text << ")";
        m_err << Qt::flush;
    };
    sinks.partial = [&](const QVariant &v) {
        if (!m_partialFormat)
            return;
        const QString line = m_partialFormat(v);
        if (line.isEmpty())
            return;
        endPercentLine();
        m_err << line << Qt::endl;
    };
    sinks.log = [&](const QString &line) {
        endPercentLine();
        *m_log << line << Qt::endl;
    };
    const core::JobOutcome outcome = core::JobRunner::runHere(job, sinks);
    endPercentLine();
    if (outcome.isFailed())
        throw core::UserError(outcome.message);
    return outcome;
}

} // namespace ms::cli
