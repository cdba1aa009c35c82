#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: installs what is
# needed, builds, and runs every test with CTest, without a display.
# Real-data tests read MODALSCOPE_SHARED (default: ../shared beside the
# repository) and are skipped with a message when it is absent.
#
# --sanitize (or MODALSCOPE_SANITIZE=1): the same suite built with
# AddressSanitizer + UndefinedBehaviorSanitizer into build-sanitize/; any
# report not suppressed in scripts/sanitizers/ fails the run (README,
# "Sanitizers and fuzzing").
#
# Short fuzz runs: with CI=true (the CI runner sets it), or
# MODALSCOPE_FUZZ_SECONDS=N, the suite is followed by scripts/fuzz.sh: the
# libFuzzer targets are built (clang-14, build-fuzz/) and each is run for N
# seconds (CI: 30, MODALSCOPE_FUZZ_SECONDS=0 turns it off); a crash, leak or
# sanitizer report in any of them fails the run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for arg in "$@"; do
  case "$arg" in
    --sanitize) export MODALSCOPE_SANITIZE=1 ;;
    *) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
  esac
done
sanitize="${MODALSCOPE_SANITIZE:-0}"
fuzz_seconds="${MODALSCOPE_FUZZ_SECONDS:-}"
[ -z "$fuzz_seconds" ] && [ "${CI:-}" = true ] && fuzz_seconds=30
case "${fuzz_seconds:-0}" in
  ''|*[!0-9]*) echo "test: MODALSCOPE_FUZZ_SECONDS must be a whole number of seconds" >&2; exit 2 ;;
esac
# Runs after the suite, whether it passed or not; its status is returned.
run_fuzz() {
  [ "${fuzz_seconds:-0}" -gt 0 ] || return 0
  echo "test: fuzzing each target for ${fuzz_seconds}s (scripts/fuzz.sh)"
  local start=$SECONDS rc=0
  bash "$root/scripts/fuzz.sh" "$fuzz_seconds" || rc=$?
  echo "test: fuzzing took $((SECONDS - start))s, build included"
  return $rc
}
if [ "$sanitize" = 1 ]; then
  export MODALSCOPE_BUILD_DIR="${MODALSCOPE_BUILD_DIR:-$root/build-sanitize}"
fi
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
if [ -z "${MODALSCOPE_SHARED:-}" ] && [ -d "$root/../shared" ]; then
  MODALSCOPE_SHARED="$root/../shared"
fi
if [ -n "${MODALSCOPE_SHARED:-}" ]; then
  # CTest runs tests inside the build tree: hand them an absolute path.
  MODALSCOPE_SHARED="$(cd "$root" && cd "$MODALSCOPE_SHARED" 2>/dev/null && pwd || echo "$MODALSCOPE_SHARED")"
  export MODALSCOPE_SHARED
  echo "test: real data from MODALSCOPE_SHARED=$MODALSCOPE_SHARED"
else
  echo "test: MODALSCOPE_SHARED not set and ../shared absent: real-data tests will be skipped"
fi
export QT_QPA_PLATFORM=offscreen
cd "${MODALSCOPE_BUILD_DIR:-$root/build}"
if [ "$sanitize" != 1 ]; then
  rc=0
  ctest --output-on-failure --timeout 900 -j "${MODALSCOPE_TEST_JOBS:-1}" || rc=$?
  fuzz_rc=0
  run_fuzz || fuzz_rc=$?
  [ $rc -ne 0 ] && exit $rc
  exit $fuzz_rc
fi
# Reports go to files (one per process, the CLI and GUI children included,
# whose stderr a test may swallow) and end the process with exit code 86,
# which no test expects. Suppressions are for reports inside code that is
# not ours, each with its reason in the file.
supp="$root/scripts/sanitizers"
logs="$PWD/sanitizer-reports"
rm -rf "$logs" && mkdir -p "$logs"
common="exitcode=86:log_path=$logs/report:print_suppressions=0"
# Full stacks at each allocation (fast_unwind_on_malloc=0): the libraries a
# leak is suppressed by (GStreamer's, GLib's) are built without frame
# pointers, so the fast unwinder stops inside them and no suppression matches.
export ASAN_OPTIONS="$common:detect_leaks=1:fast_unwind_on_malloc=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="$common:halt_on_error=1:print_stacktrace=1:suppressions=$supp/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="$common:suppressions=$supp/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
set +e
ctest --output-on-failure --timeout 1800 -j "${MODALSCOPE_TEST_JOBS:-1}"
rc=$?
set -e
fuzz_rc=0
# The fuzzers' own sanitizer runtime reports to their logs, not to $logs.
(unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; run_fuzz) || fuzz_rc=$?
if compgen -G "$logs/report*" >/dev/null; then
  echo "test: sanitizer reports (in $logs):"
  for f in "$logs"/report*; do
    echo "--- $f"
    head -60 "$f"
  done
  exit 1
fi
[ $rc -ne 0 ] && exit $rc
exit $fuzz_rc
