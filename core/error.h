#pragma once

#include <QString>
#include <stdexcept>

namespace ms::core {

// An error the user can cause and fix (bad file, wrong option, newer project
// file). The message names the file and the problem; callers show it as is and
// leave the project unchanged. Programming errors are not UserErrors.
class UserError : public std::runtime_error
{
public:
    explicit UserError(const QString &message)
        : std::runtime_error(message.toStdString()), m_message(message)
    {
    }
    const QString &message() const { return m_message; }

private:
    QString m_message;
};

// What to report of an exception: a UserError's message as written, or the
// what() of any other (a LibTorch error, a failed allocation).
inline QString messageOf(const std::exception &e)
{
    if (const auto *user = dynamic_cast<const UserError *>(&e))
        return user->message();
    return QString::fromLocal8Bit(e.what());
}

} // namespace ms::core
