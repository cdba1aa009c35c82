// Anchor for the ui library until its first widget lands.
namespace ms::ui {
int libraryAnchor() { return 0; }
}
