#include "ui/exportsplitsdialog.h"

#include "ui/labelrulecombo.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace ms::ui {

ExportSplitsDialog::ExportSplitsDialog(const QString &startFolder, QWidget *parent)
    : QDialog(parent), m_folder(new QLineEdit(this)), m_folds(new QSpinBox(this)),
      m_seed(new QSpinBox(this)), m_labelRule(new LabelRuleCombo(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export Splits"));
    m_folder->setText(startFolder);
    // Folds are dealt by film: more folds than films would leave some empty.
    m_folds->setRange(2, 20);
    m_folds->setValue(5);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("The same annotations, folds and seed give the same splits"));

    auto *browse = new QPushButton(tr("Browse\u2026"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d =
            QFileDialog::getExistingDirectory(this, tr("Output Folder"), m_folder->text());
        if (!d.isEmpty())
            m_folder->setText(d);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    row->addWidget(browse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Folder:"), row);
    form->addRow(tr("F&olds (by film):"), m_folds);
    form->addRow(tr("&Seed:"), m_seed);
    form->addRow(tr("&Labels from:"), m_labelRule);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_folder, &QLineEdit::textChanged, this,
            [this] { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!folder().isEmpty()); });
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!folder().isEmpty());
    resize(560, sizeHint().height());
}

QString ExportSplitsDialog::folder() const
{
    return m_folder->text().trimmed();
}

int ExportSplitsDialog::folds() const
{
    return m_folds->value();
}

void ExportSplitsDialog::setLabelRules(const QStringList &annotators, const core::LabelRule &current)
{
    m_labelRule->setAnnotators(annotators);
    m_labelRule->setRule(current);
}

core::LabelRule ExportSplitsDialog::labelRule() const
{
    return m_labelRule->rule();
}

quint64 ExportSplitsDialog::seed() const
{
    return quint64(m_seed->value());
}

} // namespace ms::ui
