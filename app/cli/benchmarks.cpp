#include "app/cli/benchmarks.h"

namespace ms::cli {

static std::vector<Benchmark> &registry()
{
    static std::vector<Benchmark> r;
    return r;
}

BenchmarkRegistration::BenchmarkRegistration(Benchmark b)
{
    registry().push_back(std::move(b));
}

const std::vector<Benchmark> &benchmarks()
{
    return registry();
}

} // namespace ms::cli
