#include "ui/importdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace ms::ui {

ImportDialog::ImportDialog(const QString &startFolder, QWidget *parent)
    : QDialog(parent), m_startFolder(startFolder), m_path(new QLineEdit(this)),
      m_format(new QComboBox(this)), m_notSure(new QComboBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import Annotations"));
    m_format->addItem(tr("ObyGaze / MObyGaze table (semicolon separated)"),
                      QStringLiteral("obygaze"));
    m_format->addItem(tr("Modalscope CSV (clip_id,movie,start_ms,end_ms,level,concepts)"),
                      QStringLiteral("modalscope"));
    m_notSure->addItem(tr("Hard Negative"), int(core::NotSureRule::HardNegative));
    m_notSure->addItem(tr("Sure"), int(core::NotSureRule::Sure));
    m_notSure->addItem(tr("Exclude (clip stays unannotated)"), int(core::NotSureRule::Exclude));

    auto *browse = new QPushButton(tr("Browse\u2026"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getOpenFileName(
            this, tr("Annotation Table"), m_path->text().isEmpty() ? m_startFolder : m_path->text(),
            tr("Annotation tables (*.csv *.txt);;All files (*)"));
        if (!p.isEmpty())
            m_path->setText(p);
    });
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Table:"), fileRow);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("\u201cNot Sure\u201d &becomes:"), m_notSure);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &ImportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updateState);
    resize(620, sizeHint().height());
    updateState();
}

QString ImportDialog::path() const
{
    return m_path->text().trimmed();
}

QString ImportDialog::format() const
{
    return m_format->currentData().toString();
}

core::NotSureRule ImportDialog::notSureRule() const
{
    return core::NotSureRule(m_notSure->currentData().toInt());
}

void ImportDialog::updateState()
{
    // Only the ObyGaze format has a "Not Sure" label.
    m_notSure->setEnabled(format() == u"obygaze");
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!path().isEmpty());
}

} // namespace ms::ui
