#pragma once

#include "core/jobs/canceltoken.h"
#include "core/jobs/joboutcome.h"
#include "core/jobs/jobprogress.h"

#include <QString>
#include <QVariant>

namespace ms::core {

// What a running job sees: its cancel token, and three sinks. Every sink is
// callable from the job's thread; the runner throttles progress and partial
// results (~250 ms, the first and the last always pass) and delivers them
// queued to the GUI thread, or prints them (the CLI), so no job throttles by
// hand.
class JobContext
{
public:
    virtual ~JobContext() = default;

    virtual const CancelToken &cancelToken() const = 0;
    bool isCancelled() const { return cancelToken().isCancelled(); }

    virtual void progress(const JobProgress &p) = 0;
    void progress(double fraction, const QString &text = {}) { progress(JobProgress{fraction, text}); }
    void progress(qint64 done, qint64 total, const QString &text)
    {
        progress(JobProgress{total > 0 ? double(done) / double(total) : -1.0, text, done, total});
    }
    // An intermediate result (the waveform so far, an epoch's metrics).
    // `important`: never dropped by the throttle (an epoch's metrics).
    virtual void partial(const QVariant &value, bool important = false) = 0;
    // A line of log for people (training's per-fold lines).
    virtual void log(const QString &line) = 0;
};

// One piece of long work (waveform, feature extraction, training,
// explanation, segmentation, sync, cluster submission). run() is called on a
// worker thread (or the CLI's main thread), opens whatever connections it
// needs itself (one database connection per thread), and ends in one
// JobOutcome. An exception escaping run() becomes Failed with
// core::messageOf(e); a run() that returns while the token is cancelled
// without saying so becomes Cancelled.
class Job
{
public:
    virtual ~Job() = default;
    // A short machine name: "waveform", "extraction", "training", "explanation".
    virtual QString kind() const = 0;
    // For people, in the status bar: "Waveform of Film A".
    virtual QString title() const = 0;
    virtual JobOutcome run(JobContext &context) = 0;
};

} // namespace ms::core
