#include "ui/explanationpanel.h"

#include "ui/barrowswidget.h"
#include "ui/modalitypalette.h"
#include "ui/overlaybuilder.h"
#include "ui/tokenheatmapwidget.h"

#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

namespace ms::ui {

namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}

// A symmetric range that holds every value and the marker, in steps of 0.05.
double extent(std::initializer_list<std::optional<double>> values, double atLeast)
{
    double m = atLeast;
    for (const auto &v : values)
        if (v && std::isfinite(*v))
            m = std::max(m, std::abs(*v));
    return std::ceil(m * 1.1 / 0.05) * 0.05;
}

} // namespace

ExplanationPanel::ExplanationPanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_message(new QLabel(this)),
      m_body(new QWidget(this)), m_phi(new BarRowsWidget(m_body)),
      m_pairs(new BarRowsWidget(m_body)), m_share(new QLabel(m_body)),
      m_scores(new BarRowsWidget(m_body)), m_heat(new TokenHeatmapWidget(m_body)),
      m_error(new QLabel(m_body)), m_rationale(new QLabel(m_body))
{
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_message->setWordWrap(true);
    m_error->setWordWrap(true);
    m_share->setWordWrap(true);
    m_phi->setObjectName(QStringLiteral("shapley"));
    m_pairs->setObjectName(QStringLiteral("interactions"));
    m_scores->setObjectName(QStringLiteral("scores"));
    m_heat->setObjectName(QStringLiteral("tokenHeatmap"));
    m_error->setObjectName(QStringLiteral("attributionError"));

    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(heading(tr("Shapley values of the modalities"), m_body));
    m_phi->setToolTip(tr("Each modality's share of v(all) \u2212 v(none); the dashed line is "
                         "the attribution threshold used for the errors."));
    body->addWidget(m_phi);
    body->addWidget(heading(tr("Interactions"), m_body));
    body->addWidget(m_pairs);
    body->addWidget(m_share);
    body->addWidget(heading(tr("Score per modality"), m_body));
    body->addWidget(m_scores);
    body->addWidget(heading(tr("Attention over the clip's tokens"), m_body));
    body->addWidget(m_heat);
    body->addWidget(heading(tr("Attribution error"), m_body));
    body->addWidget(m_error);
    body->addWidget(heading(tr("Agreement with the experts' rationale"), m_body));
    m_rationale->setWordWrap(true);
    m_rationale->setObjectName(QStringLiteral("rationale"));
    m_rationale->setToolTip(tr("Top: the largest Shapley value is on a modality of the concepts "
                               "the experts ticked. All: every such modality is at or above the "
                               "attribution threshold. View > Rationale Agreement has the "
                               "figures per film and concept."));
    body->addWidget(m_rationale);
    body->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addWidget(m_body, 1);
    showMessage(tr("Choose a run with stored explanations in \u201cRun:\u201d above the timeline "
                   "(\u201cmodalscope-cli explain\u201d stores them)."));
}

void ExplanationPanel::showMessage(const QString &message)
{
    m_has = false;
    m_title->clear();
    m_message->setText(message);
    m_message->show();
    m_body->hide();
}

void ExplanationPanel::setExplanation(const db::ExplanationSet &set,
                                      const db::ClipExplanation &e, qint64 clipStartMs,
                                      qint64 clipEndMs)
{
    m_has = true;
    m_message->hide();
    m_body->show();
    const core::ModalitySet used = OverlayBuilder::modalities(set);
    m_title->setText(tr("<b>%1</b><br>%2<br>probability %3 with every modality, %4 with none")
                         .arg(e.clip.toHtmlEscaped(), OverlayBuilder::setName(set).toHtmlEscaped())
                         .arg(e.vFull, 0, 'f', 3)
                         .arg(e.vEmpty, 0, 'f', 3));

    QList<BarRowsWidget::Row> phi;
    for (core::Modality m : core::kAllModalities) {
        const auto v = used.contains(m) ? e.phi[size_t(m)] : std::nullopt;
        phi.append({core::modalityName(m), v, ModalityPalette::color(m),
                    v ? tr("Shapley value of the %1 modality: %2")
                            .arg(core::modalityName(m))
                            .arg(*v, 0, 'f', 4)
                      : QString()});
    }
    const double phiRange = extent({e.phi[0], e.phi[1], e.phi[2]}, set.threshold);
    m_phi->setRange(-phiRange, phiRange);
    m_phi->setMarker(set.threshold, tr("threshold %1").arg(set.threshold, 0, 'f', 2));
    m_phi->setRows(phi);

    static const char *pairNames[3] = {"V\u00d7A", "V\u00d7T", "A\u00d7T"};
    static const std::array<std::pair<core::Modality, core::Modality>, 3> pairs = {
        {{core::Modality::Visual, core::Modality::Audio},
         {core::Modality::Visual, core::Modality::Text},
         {core::Modality::Audio, core::Modality::Text}}};
    QList<BarRowsWidget::Row> inter;
    for (int i = 0; i < 3; ++i) {
        const bool both = used.contains(pairs[size_t(i)].first) && used.contains(pairs[size_t(i)].second);
        inter.append({QString::fromUtf8(pairNames[i]), both ? e.pairInteraction[size_t(i)] : std::nullopt,
                      QColor(0x70, 0x70, 0x90),
                      tr("Shapley interaction index of the pair")});
    }
    inter.append({QStringLiteral("V\u00d7A\u00d7T"), used.bits() == 7 ? e.threeWay : std::nullopt,
                  QColor(0x50, 0x50, 0x50), tr("Three-way interaction (Harsanyi dividend)")});
    const double interRange =
        extent({e.pairInteraction[0], e.pairInteraction[1], e.pairInteraction[2], e.threeWay}, 0.05);
    m_pairs->setRange(-interRange, interRange);
    m_pairs->setMarker(std::nullopt);
    m_pairs->setRows(inter);
    m_share->setText(e.interactionShare
                         ? tr("Interaction share of the total attribution: %1%")
                               .arg(*e.interactionShare * 100, 0, 'f', 1)
                         : tr("No interaction share (the model uses one modality)."));

    QList<BarRowsWidget::Row> scores;
    for (core::Modality m : core::kAllModalities) {
        const auto v = used.contains(m) ? e.score[size_t(m)] : std::nullopt;
        scores.append({core::modalityName(m), v, ModalityPalette::color(m),
                       v ? tr("%1: %2, %3 the decision threshold")
                               .arg(core::modalityName(m))
                               .arg(*v, 0, 'f', 3)
                               .arg(*v >= 0.5 ? tr("at or above") : tr("below"))
                         : QString()});
    }
    m_scores->setRange(0, 1);
    m_scores->setMarker(0.5, tr("decision 0.5"));
    m_scores->setRows(scores);

    m_heat->setTokens(clipStartMs, clipEndMs, OverlayBuilder::clipHeat(e, used), used);

    if (!e.errorText.isEmpty()) {
        m_error->setText(e.errorText);
        m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else if (!e.spurious.isEmpty() || !e.missed.isEmpty()) {
        m_error->setText(tr("Spurious: %1; missed: %2")
                             .arg(e.spurious.isEmpty() ? tr("none") : e.spurious.codes(),
                                  e.missed.isEmpty() ? tr("none") : e.missed.codes()));
        m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else {
        m_error->setText(tr("None at attribution threshold %1.").arg(set.threshold, 0, 'f', 2));
        m_error->setStyleSheet(QString());
    }
}

void ExplanationPanel::setRationale(const core::RationaleAgreement *agreement,
                                    const QString &clipName, const QString &why)
{
    if (!agreement) {
        m_rationale->setText(why);
        return;
    }
    const auto share = [](int hits, int clips) {
        return clips ? tr("%1 of %2 clips (%3 %)").arg(hits).arg(clips).arg(100.0 * hits / clips, 0, 'f', 1)
                     : tr("no clip");
    };
    const core::RationaleClip *c = agreement->clip(clipName);
    const QString clipText =
        c ? tr("This clip: %1.").arg(c->describe(agreement->threshold)) : QString();
    const core::RationaleTally &t = agreement->corpus;
    m_rationale->setText(
        tr("%1\nCorpus: top-Shapley modality is one the experts gave in %2; every modality they "
           "gave at or above %3 in %4.")
            .arg(clipText, share(t.top, t.clips))
            .arg(agreement->threshold, 0, 'f', 2)
            .arg(share(t.all, t.clips))
            .trimmed());
}

} // namespace ms::ui
