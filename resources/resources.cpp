// Anchor translation unit so the resource library is a real archive; the
// resource object files are linked into every consumer by Qt's CMake.
namespace ms::resources {
int anchor() { return 0; }
}
