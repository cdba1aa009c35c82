#pragma once

#include <QCommandLineParser>
#include <QString>
#include <functional>
#include <vector>

namespace ms::cli {

// A named benchmark reachable as `modalscope-cli bench NAME`. Each
// benchmark's source file registers itself, so adding one touches no shared
// file. `run` gets the parsed options and a scratch folder (kept when the
// user gave --dir, so generated media is reused between runs).
struct Benchmark
{
    QString name;
    QString summary;
    std::function<int(const QCommandLineParser &, const QString &scratchDir)> run;
};

struct BenchmarkRegistration
{
    explicit BenchmarkRegistration(Benchmark b);
};

const std::vector<Benchmark> &benchmarks();

} // namespace ms::cli
