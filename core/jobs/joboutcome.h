#pragma once

#include <QMetaType>
#include <QString>
#include <QVariant>

namespace ms::core {

// How a job ended: exactly one of done (with a result and a summary for
// people), failed (with a message a user can act on, naming the file and the
// problem) or cancelled (with what was kept, if anything). No job invents
// another way of ending.
struct JobOutcome
{
    enum class Kind { Done, Failed, Cancelled };

    Kind kind = Kind::Failed;
    // Done: the summary for people; Failed: the error; Cancelled: what was kept.
    QString message;
    // Done (sometimes Cancelled): the typed result, e.g. a run id or a pyramid.
    QVariant result;

    static JobOutcome done(QVariant result, QString summary = {})
    {
        return {Kind::Done, std::move(summary), std::move(result)};
    }
    static JobOutcome failed(QString message) { return {Kind::Failed, std::move(message), {}}; }
    static JobOutcome cancelled(QString note = {}, QVariant result = {})
    {
        return {Kind::Cancelled, std::move(note), std::move(result)};
    }

    bool isDone() const { return kind == Kind::Done; }
    bool isFailed() const { return kind == Kind::Failed; }
    bool isCancelled() const { return kind == Kind::Cancelled; }
};

} // namespace ms::core

Q_DECLARE_METATYPE(ms::core::JobOutcome)
