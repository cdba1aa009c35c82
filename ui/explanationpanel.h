#pragma once

#include "core/rationaleagreement.h"
#include "database/explanationrepository.h"

#include <QWidget>
#include <optional>

class QLabel;

namespace ms::ui {

class BarRowsWidget;
class TokenHeatmapWidget;

// Why the chosen run's model scored the selected clip as it did: the Shapley
// values of the modalities against the attribution threshold, the pairwise
// and three-way interaction terms with the share of interaction, the
// per-modality scores against the 0.5 decision threshold, the clip's token
// heatmap, and the attribution error in words. Only shows what it is given
// (MainWindow reads the explanation from the project).
class ExplanationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget *parent = nullptr);

    void setExplanation(const db::ExplanationSet &set, const db::ClipExplanation &explanation,
                        qint64 clipStartMs, qint64 clipEndMs);
    // Nothing to show, and why ("Choose a run above the timeline").
    void showMessage(const QString &message);
    bool hasExplanation() const { return m_has; }
    // Issue 16: how the attribution agrees with the experts' modalities on
    // the clip shown and over the explained corpus (nullptr: not available,
    // `why` says so).
    void setRationale(const core::RationaleAgreement *agreement, const QString &clipName,
                      const QString &why = {});
    QLabel *rationaleLabel() const { return m_rationale; }

    BarRowsWidget *shapleyBars() const { return m_phi; }
    BarRowsWidget *interactionBars() const { return m_pairs; }
    BarRowsWidget *scoreBars() const { return m_scores; }
    TokenHeatmapWidget *heatmap() const { return m_heat; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *titleLabel() const { return m_title; }

private:
    bool m_has = false;
    QLabel *m_title;
    QLabel *m_message;
    QWidget *m_body;
    BarRowsWidget *m_phi;
    BarRowsWidget *m_pairs;
    QLabel *m_share;
    BarRowsWidget *m_scores;
    TokenHeatmapWidget *m_heat;
    QLabel *m_error;
    QLabel *m_rationale;
};

} // namespace ms::ui
