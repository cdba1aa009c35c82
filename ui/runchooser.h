#pragma once

#include "database/explanationrepository.h"

#include <QList>
#include <QWidget>

class QComboBox;

namespace ms::ui {

// The "Run:" row above the timeline: a chooser of the project's stored
// explanation sets ("none" first) and a Refresh button for sets stored
// meanwhile by "modalscope-cli explain".
//
// Design: a view only. ExplanationSession fills it and decides what a
// choice means; the row says when the user chose (chosen()) but never when
// it is set from code, so showing a set cannot loop back.
class RunChooser : public QWidget
{
    Q_OBJECT
public:
    explicit RunChooser(QWidget *parent = nullptr);

    // "none" (or "none stored") and one entry per set, in the given order;
    // disabled when there is none. Shows "none" as chosen.
    void setSets(const QList<db::ExplanationSet> &sets);
    // Shows the set as chosen (0 or an unlisted id: none).
    void setCurrent(qint64 setId);
    qint64 current() const;
    bool contains(qint64 setId) const;
    // The sets listed (not counting "none").
    int setCount() const;
    QComboBox *comboBox() const { return m_combo; }

signals:
    void chosen(qint64 setId);
    void refreshRequested();

private:
    QComboBox *m_combo;
};

} // namespace ms::ui
