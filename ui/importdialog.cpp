#include "ui/importdialog.h"

#include "core/clocktext.h"
#include "core/error.h"
#include "core/level.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ms::ui {

namespace {

constexpr int kPreviewRows = 200;
const QString kTierKey = QStringLiteral("tier");
const QString kLevelValueKey = QStringLiteral("level-value");
const QString kMovieKey = QStringLiteral("movie");
const QString kLevelRole = QStringLiteral("level");

enum PartColumn { PartName, PartParent, PartCount, PartValues, PartRole, PartColumns };

QTableWidgetItem *readOnly(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

ImportDialog::ImportDialog(const QString &startFolder, QWidget *parent)
    : QDialog(parent), m_startFolder(startFolder), m_path(new QLineEdit(this)),
      m_format(new QComboBox(this)), m_partsBox(new QGroupBox(tr("Tiers"), this)),
      m_parts(new QTableWidget(0, PartColumns, this)), m_levelWords(new QTableWidget(0, 2, this)),
      m_movie(new QLineEdit(this)), m_previewStatus(new QLabel(this)),
      m_preview(new QTableWidget(0, 6, this)),
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

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    form->addRow(tr("&Table:"), fileRow);
    form->addRow(tr("&Format:"), m_format);
    for (const core::FormatOption &o : registry.allOptions()) {
        auto *box = new QComboBox(this);
        for (const core::FormatOption::Choice &c : o.choices)
            box->addItem(c.label, c.value);
        box->setCurrentIndex(box->findData(o.defaultValue));
        form->addRow(o.label + QLatin1Char(':'), box);
        m_options.append({o.key, box});
        connect(box, &QComboBox::currentIndexChanged, this, &ImportDialog::refreshPreview);
    }

    // The tiers and what they become.
    m_parts->setObjectName(QStringLiteral("parts"));
    m_parts->setHorizontalHeaderLabels(
        {tr("Tier"), tr("Depends on"), tr("Annotations"), tr("Values"), tr("Becomes")});
    m_parts->verticalHeader()->hide();
    m_parts->horizontalHeader()->setSectionResizeMode(PartValues, QHeaderView::Stretch);
    m_parts->setSelectionMode(QAbstractItemView::NoSelection);
    m_levelWords->setObjectName(QStringLiteral("levelWords"));
    m_levelWords->setHorizontalHeaderLabels({tr("Word on a level tier"), tr("Means")});
    m_levelWords->verticalHeader()->hide();
    m_levelWords->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_levelWords->setSelectionMode(QAbstractItemView::NoSelection);
    m_movie->setObjectName(QStringLiteral("movie"));
    m_movie->setPlaceholderText(tr("the film the file's media names"));
    auto *partsLayout = new QFormLayout(m_partsBox);
    partsLayout->addRow(m_parts);
    partsLayout->addRow(m_levelWords);
    partsLayout->addRow(tr("Film of tiers without \"@film\":"), m_movie);
    layout->addWidget(m_partsBox, 2);
    connect(m_movie, &QLineEdit::textChanged, this, &ImportDialog::refreshPreview);

    auto *previewBox = new QGroupBox(tr("Preview"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    m_previewStatus->setObjectName(QStringLiteral("previewStatus"));
    m_previewStatus->setWordWrap(true);
    m_previewStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setHorizontalHeaderLabels(
        {tr("Clip"), tr("Film"), tr("Start"), tr("End"), tr("Level"), tr("Concepts")});
    m_preview->verticalHeader()->hide();
    m_preview->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    previewLayout->addWidget(m_previewStatus);
    previewLayout->addWidget(m_preview, 1);
    layout->addWidget(previewBox, 3);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &ImportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updateState);
    resize(760, 620);
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
    const core::AnnotationFormat *current = core::FormatRegistry::builtIn().find(format());
    if (!current)
        return values;
    const QMap<QString, QString> parameters = current->parameters();
    if (parameters.contains(kTierKey) && !m_partList.isEmpty()) {
        QStringList lines;
        for (const core::FormatPart &p : m_partList)
            lines.append(p.id + QLatin1Char('=') + partRole(p.id));
        values.insert(kTierKey, lines.join(u'\n'));
    }
    if (parameters.contains(kLevelValueKey)) {
        QStringList lines;
        for (int r = 0; r < m_levelWords->rowCount(); ++r) {
            const auto *box = qobject_cast<QComboBox *>(m_levelWords->cellWidget(r, 1));
            if (box && !box->currentData().toString().isEmpty())
                lines.append(m_levelWords->item(r, 0)->text() + QLatin1Char('=') +
                             box->currentData().toString());
        }
        if (!lines.isEmpty())
            values.insert(kLevelValueKey, lines.join(u'\n'));
    }
    if (parameters.contains(kMovieKey) && !m_movie->text().trimmed().isEmpty())
        values.insert(kMovieKey, m_movie->text().trimmed());
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

QStringList ImportDialog::parts() const
{
    QStringList out;
    for (const core::FormatPart &p : m_partList)
        out.append(p.id);
    return out;
}

QString ImportDialog::partRole(const QString &id) const
{
    for (int r = 0; r < m_parts->rowCount(); ++r)
        if (m_parts->item(r, PartName)->text() == id)
            if (const auto *box = qobject_cast<QComboBox *>(m_parts->cellWidget(r, PartRole)))
                return box->currentData().toString();
    return {};
}

bool ImportDialog::setPartRole(const QString &id, const QString &role)
{
    for (int r = 0; r < m_parts->rowCount(); ++r)
        if (m_parts->item(r, PartName)->text() == id)
            if (auto *box = qobject_cast<QComboBox *>(m_parts->cellWidget(r, PartRole))) {
                const int i = box->findData(role);
                if (i < 0)
                    return false;
                box->setCurrentIndex(i);
                return true;
            }
    return false;
}

QStringList ImportDialog::levelWords() const
{
    QStringList out;
    for (int r = 0; r < m_levelWords->rowCount(); ++r)
        out.append(m_levelWords->item(r, 0)->text());
    return out;
}

bool ImportDialog::setLevelWord(const QString &word, const QString &levelCode)
{
    for (int r = 0; r < m_levelWords->rowCount(); ++r)
        if (m_levelWords->item(r, 0)->text() == word)
            if (auto *box = qobject_cast<QComboBox *>(m_levelWords->cellWidget(r, 1))) {
                const int i = box->findData(levelCode);
                if (i < 0)
                    return false;
                box->setCurrentIndex(i);
                return true;
            }
    return false;
}

void ImportDialog::updateState()
{
    // An option applies only to the formats that declare it.
    const core::AnnotationFormat *current = core::FormatRegistry::builtIn().find(format());
    for (const OptionRow &row : m_options)
        row.box->setEnabled(current && current->option(row.key));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!path().isEmpty());
    reloadParts();
    refreshPreview();
}

void ImportDialog::reloadParts()
{
    const core::AnnotationFormat *current = core::FormatRegistry::builtIn().find(format());
    const bool hasParts = current && !current->partRoles().isEmpty();
    m_partsBox->setVisible(hasParts);
    m_movie->setEnabled(current && current->parameters().contains(kMovieKey));
    const QString key = format() + QLatin1Char('|') + path();
    if (key == m_loadedParts)
        return;
    m_loadedParts = key;
    m_partList.clear();
    m_parts->setRowCount(0);
    if (hasParts && QFileInfo(path()).isFile()) {
        try {
            m_partList = current->parts(path());
        } catch (const core::UserError &) {
            // The preview shows the reader's message.
        }
    }
    const QList<core::FormatOption::Choice> roles =
        hasParts ? current->partRoles() : QList<core::FormatOption::Choice>{};
    m_parts->setRowCount(int(m_partList.size()));
    for (int r = 0; r < m_partList.size(); ++r) {
        const core::FormatPart &p = m_partList[r];
        m_parts->setItem(r, PartName, readOnly(p.id));
        m_parts->setItem(r, PartParent, readOnly(p.parent));
        m_parts->setItem(r, PartCount,
                         readOnly(p.timeAligned ? QString::number(p.annotations)
                                                : tr("%1 (no times)").arg(p.annotations)));
        QString values = p.values.join(QStringLiteral(", "));
        if (p.moreValues)
            values += QStringLiteral(", \u2026");
        m_parts->setItem(r, PartValues, readOnly(values));
        m_parts->item(r, PartValues)->setToolTip(values);
        auto *box = new QComboBox;
        box->setObjectName(QStringLiteral("role-") + p.id);
        for (const core::FormatOption::Choice &c : roles)
            box->addItem(c.label, c.value);
        box->setCurrentIndex(std::max(0, box->findData(m_chosenRoles.value(p.id, p.role))));
        connect(box, &QComboBox::currentIndexChanged, this, [this, box, id = p.id] {
            m_chosenRoles.insert(id, box->currentData().toString());
            rebuildLevelWords();
            refreshPreview();
        });
        m_parts->setCellWidget(r, PartRole, box);
    }
    m_parts->resizeColumnsToContents();
    rebuildLevelWords();
}

void ImportDialog::rebuildLevelWords()
{
    QStringList words;
    for (const core::FormatPart &p : std::as_const(m_partList)) {
        if (partRole(p.id) != kLevelRole)
            continue;
        for (const QString &v : p.values)
            if (!core::parseLevel(v) && !words.contains(v, Qt::CaseInsensitive))
                words.append(v);
    }
    m_levelWords->setRowCount(int(words.size()));
    for (int r = 0; r < words.size(); ++r) {
        m_levelWords->setItem(r, 0, readOnly(words[r]));
        auto *box = new QComboBox;
        box->setObjectName(QStringLiteral("means-") + words[r]);
        box->addItem(tr("(not said: refused)"), QString());
        for (const core::Level l :
             {core::Level::EasyNegative, core::Level::HardNegative, core::Level::Sure})
            box->addItem(QStringLiteral("%1 (%2)").arg(core::levelCode(l), core::levelName(l)),
                         core::levelCode(l));
        box->setCurrentIndex(std::max(0, box->findData(m_levelMeanings.value(words[r]))));
        connect(box, &QComboBox::currentIndexChanged, this, [this, box, word = words[r]] {
            m_levelMeanings.insert(word, box->currentData().toString());
            refreshPreview();
        });
        m_levelWords->setCellWidget(r, 1, box);
    }
    m_levelWords->setVisible(!words.isEmpty());
}

void ImportDialog::refreshPreview()
{
    m_previewCount = 0;
    m_previewError.clear();
    m_preview->setRowCount(0);
    const core::AnnotationFormat *current = core::FormatRegistry::builtIn().find(format());
    if (!current || path().isEmpty() || !QFileInfo(path()).isFile()) {
        m_previewStatus->setText(path().isEmpty() ? tr("Choose a file to see what it brings.")
                                                  : tr("%1: no such file").arg(path()));
        return;
    }
    QList<core::ImportRecord> records;
    try {
        records = current->import(path(), options()).records;
    } catch (const core::UserError &e) {
        m_previewError = e.message();
    } catch (const std::exception &e) {
        m_previewError = tr("%1: cannot read it: %2").arg(path(), QString::fromLocal8Bit(e.what()));
    }
    if (!m_previewError.isEmpty()) {
        m_previewStatus->setText(tr("Would not import: %1").arg(m_previewError));
        return;
    }
    m_previewCount = int(records.size());
    QSet<QString> films;
    int levels = 0, concepts = 0;
    for (const core::ImportRecord &r : std::as_const(records)) {
        films.insert(r.movieId);
        levels += r.level.has_value();
        concepts += !r.concepts.isEmpty();
    }
    m_previewStatus->setText(
        tr("%n clip(s) of %1 film(s); %2 with a level, %3 with concepts.", nullptr, m_previewCount)
            .arg(films.size())
            .arg(levels)
            .arg(concepts) +
        (m_previewCount > kPreviewRows ? tr(" The first %1 are shown.").arg(kPreviewRows)
                                       : QString()));
    const int rows = std::min<int>(m_previewCount, kPreviewRows);
    m_preview->setRowCount(rows);
    for (int i = 0; i < rows; ++i) {
        const core::ImportRecord &r = records[i];
        m_preview->setItem(i, 0, readOnly(r.clipId));
        m_preview->setItem(i, 1, readOnly(r.movieId));
        m_preview->setItem(i, 2, readOnly(r.startMs ? core::clockText(*r.startMs) : QString()));
        m_preview->setItem(i, 3, readOnly(r.endMs ? core::clockText(*r.endMs) : QString()));
        m_preview->setItem(i, 4, readOnly(r.level ? core::levelCode(*r.level) : QString()));
        m_preview->setItem(i, 5, readOnly(r.concepts.join(QStringLiteral(", "))));
    }
}

} // namespace ms::ui
