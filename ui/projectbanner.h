#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace ms::ui {

class ProjectDocument;

// The strip above the player that says when the open project cannot take
// edits: opened read-only (the file or its folder cannot be written), or its
// file deleted, moved or replaced while open (then with Save a Copy, the way
// to keep what was saved). Hidden while edits may go ahead; follows
// ProjectDocument::fileStateChanged().
class ProjectBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ProjectBanner(QWidget *parent = nullptr);

    void setDocument(ProjectDocument *document);
    // Reads the document's state again (also done on fileStateChanged()).
    void refresh();
    QString text() const;
    QPushButton *saveCopyButton() const { return m_saveCopy; }

signals:
    void saveCopyRequested();

private:
    ProjectDocument *m_document = nullptr;
    QLabel *m_label;
    QPushButton *m_saveCopy;
};

} // namespace ms::ui
