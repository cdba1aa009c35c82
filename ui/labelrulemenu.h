#pragma once

#include <QMenu>
#include <QPointer>

namespace ms::ui {

class ProjectDocument;

// View > Labels From: which annotation the window shows as each clip's label
// (ProjectDocument::setLabelRule): latest, majority (ties to HN), consensus
// or one annotator. Its title names the rule in force, so it is never hidden.
class LabelRuleMenu : public QMenu
{
    Q_OBJECT
public:
    explicit LabelRuleMenu(QWidget *parent = nullptr);
    void setDocument(ProjectDocument *document);

private:
    void rebuild();
    void updateTitle();
    QPointer<ProjectDocument> m_document;
};

} // namespace ms::ui
