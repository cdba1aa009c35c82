#pragma once

#include <QString>
#include <QStringList>

namespace ms::core {

// A named part of an annotation file that a format's "tier" parameter can
// give a role (ELAN's tiers), as the import dialog shows it for the user to
// map: its name, the role the format's naming convention gives it, and what
// it holds.
struct FormatPart
{
    static constexpr int kMaxValues = 50;

    QString id;     // the name "T=ROLE" lines use
    QString role;   // by the naming convention: one of the format's partRoles() values
    QString parent; // the part its annotations depend on; empty for a root
    int annotations = 0;
    bool timeAligned = false; // its annotations carry their own times
    QStringList values;       // distinct non-empty values in file order, at most kMaxValues
    bool moreValues = false;  // there were more than kMaxValues
};

} // namespace ms::core
