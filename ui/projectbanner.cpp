#include "ui/projectbanner.h"

#include "ui/projectdocument.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace ms::ui {

ProjectBanner::ProjectBanner(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_saveCopy(new QPushButton(tr("Save a Copy\u2026"), this))
{
    setObjectName(QStringLiteral("projectBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xff, 0xf3, 0xc4));
    pal.setColor(QPalette::WindowText, QColor(0x40, 0x30, 0x00));
    setPalette(pal);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_saveCopy);
    connect(m_saveCopy, &QPushButton::clicked, this, &ProjectBanner::saveCopyRequested);
    hide();
}

void ProjectBanner::setDocument(ProjectDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document)
        connect(m_document, &ProjectDocument::fileStateChanged, this, &ProjectBanner::refresh);
    refresh();
}

void ProjectBanner::refresh()
{
    QString text;
    bool moved = false;
    if (m_document) {
        const QString path = QDir::toNativeSeparators(m_document->path());
        if (m_document->isReadOnly()) {
            text = tr("<b>Read-only:</b> %1 or its folder cannot be written. You can look, "
                      "filter and export; annotations and clip edits are refused.")
                       .arg(path.toHtmlEscaped());
        } else if (m_document->hasMoved()) {
            moved = true;
            text = tr("<b>The project file is gone:</b> %1 was deleted, moved or replaced while "
                      "open. Edits are refused. Save a copy to keep everything saved so far, "
                      "then open the copy.")
                       .arg(path.toHtmlEscaped());
        }
    }
    m_label->setText(text);
    m_saveCopy->setVisible(moved);
    setVisible(!text.isEmpty());
}

QString ProjectBanner::text() const
{
    return m_label->text();
}

} // namespace ms::ui
