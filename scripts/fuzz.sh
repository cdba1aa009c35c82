#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang-14, -fsanitize=fuzzer,address,
# undefined) into build-fuzz/ and runs each for SECONDS (default 60), on a
# corpus that grows across runs (build-fuzz/corpus/<target>) seeded by
# fuzz_seeds and fuzz_seeds_project. Fails when a target finds a crash, a leak, a timeout or a
# sanitizer report; the input is kept as build-fuzz/crashes/<target>-*.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 npy subtitles
#
# Environment: MODALSCOPE_FUZZ_BUILD_DIR (build-fuzz), MODALSCOPE_JOBS (2),
# MODALSCOPE_FUZZ_JOBS (parallel fuzzing processes per target, 1),
# CXX (clang++-14), MODALSCOPE_SHARED (adds the real ObyGaze table to the seeds).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
[ $# -gt 0 ] && shift
all=(subtitles subtitlepacket obygaze modalscopecsv elaneaf npy safetensors taxonomy metricscsv projectfile)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
build="${MODALSCOPE_FUZZ_BUILD_DIR:-$root/build-fuzz}"
cxx="${CXX:-clang++-14}"
command -v "$cxx" >/dev/null || { echo "fuzz: $cxx not found (apt-get install clang-14)"; exit 1; }

export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$cxx" -DMODALSCOPE_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
seeders=(fuzz_seeds)
[[ " ${targets[*]} " == *" projectfile "* ]] && seeders+=(fuzz_seeds_project)
cmake --build "$build" -j "${MODALSCOPE_JOBS:-2}" --target "${seeders[@]}" \
  $(printf 'fuzz_%s ' "${targets[@]}")

rm -rf "$build/seeds"
for s in "${seeders[@]}"; do "$build/fuzz/$s" "$build/seeds" >/dev/null; done
mkdir -p "$build/crashes" "$build/logs"
supp="$root/scripts/sanitizers"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$supp/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export QT_LOGGING_RULES="*=false"

failed=()
summary=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  log="$build/logs/$t.log"
  echo "fuzz: $t for ${seconds}s"
  parallel=()
  # With -jobs, libFuzzer writes each worker's output to fuzz-N.log in the
  # current folder (build-fuzz/logs/ here) and echoes it when the job ends.
  [ "${MODALSCOPE_FUZZ_JOBS:-1}" -gt 1 ] &&
    parallel=(-jobs="$MODALSCOPE_FUZZ_JOBS" -workers="$MODALSCOPE_FUZZ_JOBS")
  set +e
  (cd "$build/logs" && "$build/fuzz/fuzz_$t" "$corpus" "$build/seeds/$t" \
    -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 -print_final_stats=1 \
    "${parallel[@]}" -artifact_prefix="$build/crashes/$t-" >"$log" 2>&1)
  rc=$?
  set -e
  rm -f "$build"/logs/fuzz-*.log
  # A crash in a -jobs worker need not end the parent with an error.
  grep -qE '^==[0-9]+==ERROR|runtime error:|not a UserError escaped|^SUMMARY: ' "$log" && [ $rc -eq 0 ] && rc=1
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
  cov=$(grep -oE '(cov|DONE) *: *[0-9]+|cov: [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | grep -oE '[0-9]+' | tail -1)
  units=$(find "$corpus" -type f | wc -l)
  line=$(printf '%-15s execs=%-10s cov=%-6s ft=%-6s corpus=%s' "$t" "$execs" "${cov:-?}" "${ft:-?}" "$units")
  if [ $rc -ne 0 ]; then
    line="$line  FAILED (exit $rc, see $log)"
    failed+=("$t")
    grep -E 'ERROR|SUMMARY|runtime error|not a UserError|Test unit written' "$log" | head -8 | sed 's/^/    /'
  fi
  echo "fuzz: $line"
  summary+=("$line")
done

echo
echo "fuzz: ${seconds}s per target"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]} (inputs in $build/crashes/)"
  exit 1
fi
echo "fuzz: no crash"
