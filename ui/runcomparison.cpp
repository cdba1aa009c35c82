#include "ui/runcomparison.h"

namespace ms::ui {

QString RunComparison::Entry::label() const
{
    return fusion.isEmpty() || fusion == u"none"
               ? modalities.letters()
               : QStringLiteral("%1 %2").arg(modalities.letters(), fusion);
}

RunComparison RunComparison::compute(const QList<db::RunResultRecord> &results)
{
    struct Sum
    {
        double cmad = 0, cmsd = 0;
        int nCmad = 0, nCmsd = 0;
    };
    RunComparison out;
    QList<Sum> sums;
    for (const db::RunResultRecord &r : results) {
        qsizetype i = 0;
        while (i < out.entries.size()
               && !(out.entries[i].modalities == r.modalities && out.entries[i].fusion == r.fusion))
            ++i;
        if (i == out.entries.size()) {
            Entry e;
            e.modalities = r.modalities;
            e.fusion = r.fusion;
            out.entries.append(e);
            sums.append(Sum{});
        }
        if (!r.aucPr)
            continue;
        if (r.trainSet.compare(QStringLiteral("CMAD"), Qt::CaseInsensitive) == 0) {
            sums[i].cmad += *r.aucPr;
            ++sums[i].nCmad;
        } else if (r.trainSet.compare(QStringLiteral("CMSD"), Qt::CaseInsensitive) == 0) {
            sums[i].cmsd += *r.aucPr;
            ++sums[i].nCmsd;
        }
    }
    for (qsizetype i = 0; i < out.entries.size(); ++i) {
        Entry &e = out.entries[i];
        e.cmadFolds = sums[i].nCmad;
        e.cmsdFolds = sums[i].nCmsd;
        if (sums[i].nCmad)
            e.cmad = sums[i].cmad / sums[i].nCmad;
        if (sums[i].nCmsd)
            e.cmsd = sums[i].cmsd / sums[i].nCmsd;
    }
    return out;
}

} // namespace ms::ui
