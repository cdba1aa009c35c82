#!/usr/bin/env bash
# The whole test suite from a fresh Debian 12 machine: installs what is
# needed, builds, and runs every test with CTest, without a display.
# Real-data tests read MODALSCOPE_SHARED (default: ../shared beside the
# repository) and are skipped with a message when it is absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
ctest --output-on-failure --timeout 900 -j "${MODALSCOPE_TEST_JOBS:-1}"
