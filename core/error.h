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

} // namespace ms::core
