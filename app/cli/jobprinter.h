#pragma once

#include "core/jobs/job.h"

#include <QTextStream>
#include <functional>

namespace ms::cli {

// Runs a job on the CLI's thread (core::JobRunner::runHere, with the same
// throttle as the window) and prints what it reports, so every verb that
// runs a job shows progress the same way and no verb parses log text.
// Progress goes to the error stream, either as lines (its text) or as one
// line rewritten in place ("extract: 42% (film tt01)"); log lines and the
// partial results a verb chooses to format go to the error stream too
// (unless setLogStream() says otherwise). A failed job throws
// core::UserError with its message, so the verb exits 1 as before.
class JobPrinter
{
public:
    enum class Progress { Lines, Percent };
    using PartialFormat = std::function<QString(const QVariant &)>;

    // `label` starts the Percent line ("extract").
    JobPrinter(QTextStream &err, Progress style, QString label = {});

    // A line for a partial result; an empty one prints nothing.
    void setPartialFormat(PartialFormat format) { m_partialFormat = std::move(format); }
    void setLogStream(QTextStream &stream) { m_log = &stream; }

    // Done or Cancelled; throws core::UserError when the job failed.
    core::JobOutcome run(core::Job &job);

private:
    QTextStream &m_err;
    QTextStream *m_log;
    Progress m_style;
    QString m_label;
    PartialFormat m_partialFormat;
};

} // namespace ms::cli
