#include "core/jobs/jobrunner.h"

#include "core/jobs/throttledjobcontext.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QThread>

namespace ms::core {

// Every report of a job is posted to the runner's thread as a queued call and
// checked there against the job's entry: a report of a job that was
// superseded (stale) or of a runner that is gone is dropped at that point,
// so nothing posted before start() replaced a job can arrive after it.
struct JobRunner::Private
{
    struct Entry
    {
        Info info;
        CancelToken token;
        std::shared_ptr<Job> job; // shared: QHash copies its values
        QThread *thread = nullptr;
        bool stale = false; // superseded in its slot: reports are dropped
        bool ended = false; // finished() was emitted (or dropped)
    };

    mutable QMutex mutex;
    QHash<JobId, Entry> entries;
    JobId nextId = 1;
    int throttleMs = 250;

    // Under the mutex.
    bool live(JobId id) const
    {
        const auto it = entries.constFind(id);
        return it != entries.cend() && !it->stale && !it->ended;
    }
};

JobRunner::JobRunner(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<ms::core::JobOutcome>();
    qRegisterMetaType<ms::core::JobProgress>();
    qRegisterMetaType<ms::core::JobRunner::JobId>("ms::core::JobRunner::JobId");
}

JobRunner::~JobRunner()
{
    QList<QThread *> threads;
    {
        QMutexLocker lock(&d->mutex);
        for (auto &e : d->entries) {
            e.token.cancel();
            threads.append(e.thread);
        }
    }
    // The queued reports and finish calls name `this` as their context, so
    // Qt discards them with the runner; only the threads need waiting for.
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
}

JobRunner::JobId JobRunner::start(std::unique_ptr<Job> job, const QString &slot)
{
    Q_ASSERT(job);
    JobId id;
    Info info;
    Job *raw = job.get();
    CancelToken token;
    int throttleMs;
    {
        QMutexLocker lock(&d->mutex);
        if (!slot.isEmpty())
            for (auto &e : d->entries)
                if (e.info.slot == slot && !e.stale && !e.ended) {
                    e.stale = true;
                    e.token.cancel();
                }
        id = d->nextId++;
        info = Info{id, job->kind(), job->title(), slot};
        throttleMs = d->throttleMs;
    }

    const QPointer<JobRunner> self(this);
    auto post = [self](auto fn) {
        if (self)
            QMetaObject::invokeMethod(self.data(), std::move(fn), Qt::QueuedConnection);
    };
    ThrottledJobContext::Sinks sinks;
    sinks.progress = [this, post, id](const JobProgress &p) {
        post([this, id, p] {
            if (QMutexLocker lock(&d->mutex); !d->live(id))
                return;
            Q_EMIT progressed(id, p);
        });
    };
    sinks.partial = [this, post, id](const QVariant &v) {
        post([this, id, v] {
            if (QMutexLocker lock(&d->mutex); !d->live(id))
                return;
            Q_EMIT partialResult(id, v);
        });
    };
    sinks.log = [this, post, id](const QString &line) {
        post([this, id, line] {
            if (QMutexLocker lock(&d->mutex); !d->live(id))
                return;
            Q_EMIT logLine(id, line);
        });
    };

    QThread *thread = QThread::create([this, post, raw, id, token, sinks, throttleMs] {
        ThrottledJobContext context(token, sinks, throttleMs);
        const JobOutcome outcome = context.runGuarded(*raw);
        post([this, id, outcome] {
            bool emitIt = false;
            {
                QMutexLocker lock(&d->mutex);
                emitIt = d->live(id);
                if (auto it = d->entries.find(id); it != d->entries.end())
                    it->ended = true;
            }
            if (emitIt)
                Q_EMIT finished(id, outcome);
        });
    });
    thread->setObjectName(info.kind.isEmpty() ? QStringLiteral("job") : info.kind);
    // The entry (with the job) lives until the thread has really ended, so
    // waitForIdle() and the destructor can rely on it.
    connect(thread, &QThread::finished, this, [this, id] {
        QThread *t = nullptr;
        std::shared_ptr<Job> done;
        {
            QMutexLocker lock(&d->mutex);
            auto it = d->entries.find(id);
            if (it == d->entries.end())
                return;
            t = it->thread;
            done = std::move(it->job);
            d->entries.erase(it);
        }
        t->wait();
        delete t;
    });
    {
        QMutexLocker lock(&d->mutex);
        Private::Entry e;
        e.info = info;
        e.token = token;
        e.job = std::move(job);
        e.thread = thread;
        d->entries.insert(id, std::move(e));
    }
    Q_EMIT started(id, info.kind, info.title);
    thread->start();
    return id;
}

void JobRunner::cancel(JobId id)
{
    QMutexLocker lock(&d->mutex);
    if (auto it = d->entries.find(id); it != d->entries.end())
        it->token.cancel();
}

void JobRunner::cancelAll()
{
    QMutexLocker lock(&d->mutex);
    for (auto &e : d->entries)
        e.token.cancel();
}

bool JobRunner::isRunning(JobId id) const
{
    QMutexLocker lock(&d->mutex);
    return d->live(id);
}

bool JobRunner::isSlotBusy(const QString &slot) const
{
    QMutexLocker lock(&d->mutex);
    for (const auto &e : d->entries)
        if (e.info.slot == slot && !e.stale && !e.ended)
            return true;
    return false;
}

QList<JobRunner::Info> JobRunner::running() const
{
    QMutexLocker lock(&d->mutex);
    QList<Info> out;
    for (const auto &e : d->entries)
        if (!e.stale && !e.ended)
            out.append(e.info);
    std::sort(out.begin(), out.end(), [](const Info &a, const Info &b) { return a.id < b.id; });
    return out;
}

bool JobRunner::waitForIdle(int timeoutMs)
{
    // The outcomes arrive as queued calls on this thread: process events
    // until every entry is gone, so a caller sees finished() before we return.
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer::Forever : QDeadlineTimer(timeoutMs));
    for (;;) {
        {
            QMutexLocker lock(&d->mutex);
            if (d->entries.isEmpty())
                return true;
        }
        if (deadline.hasExpired())
            return false;
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::msleep(1);
    }
}

void JobRunner::setThrottleInterval(int ms)
{
    QMutexLocker lock(&d->mutex);
    d->throttleMs = std::max(0, ms);
}

JobOutcome JobRunner::runHere(Job &job, const Sinks &sinks, CancelToken token, int throttleMs)
{
    ThrottledJobContext context(std::move(token), sinks, throttleMs);
    return context.runGuarded(job);
}

} // namespace ms::core
