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
      m_format(new QComboBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import Annotations"));
    const core::FormatRegistry &registry = core::FormatRegistry::builtIn();
    for (const core::AnnotationFormat *f : registry.formats())
        m_format->addItem(f->label(), f->id());

    auto *browse = new QPushButton(tr("Browse\u2026"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        QStringList filters;
        QString selected;
        for (const core::AnnotationFormat *f : core::FormatRegistry::builtIn().formats()) {
            filters.append(f->fileFilter());
            if (f->id() == format())
                selected = f->fileFilter();
        }
        filters.append(tr("All files (*)"));
        const QString p = QFileDialog::getOpenFileName(
            this, tr("Annotation Table"), m_path->text().isEmpty() ? m_startFolder : m_path->text(),
            filters.join(QStringLiteral(";;")), &selected);
        if (!p.isEmpty())
            m_path->setText(p);
    });
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Table:"), fileRow);
    form->addRow(tr("&Format:"), m_format);
    for (const core::FormatOption &o : registry.allOptions()) {
        auto *box = new QComboBox(this);
        for (const core::FormatOption::Choice &c : o.choices)
            box->addItem(c.label, c.value);
        box->setCurrentIndex(box->findData(o.defaultValue));
        form->addRow(o.label + QLatin1Char(':'), box);
        m_options.append({o.key, box});
    }
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

core::FormatOptionValues ImportDialog::options() const
{
    core::FormatOptionValues values;
    for (const OptionRow &row : m_options)
        if (row.box->isEnabled())
            values.insert(row.key, row.box->currentData().toString());
    return values;
}

core::NotSureRule ImportDialog::notSureRule() const
{
    const QString key = core::ObyGazeFormat::notSureOptionKey();
    for (const OptionRow &row : m_options)
        if (row.key == key)
            return core::parseNotSureRule(row.box->currentData().toString())
                .value_or(core::NotSureRule::HardNegative);
    return core::NotSureRule::HardNegative;
}

void ImportDialog::updateState()
{
    // An option applies only to the formats that declare it.
    const core::AnnotationFormat *current = core::FormatRegistry::builtIn().find(format());
    for (const OptionRow &row : m_options)
        row.box->setEnabled(current && current->option(row.key));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!path().isEmpty());
}

} // namespace ms::ui
