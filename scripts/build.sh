#!/usr/bin/env bash
# Configures and builds Modalscope with Ninja (and ccache when present) into
# build/ (or $MODALSCOPE_BUILD_DIR). Two parallel jobs by default: the
# machines this targets have two cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MODALSCOPE_BUILD_DIR:-$root/build}"
jobs="${MODALSCOPE_JOBS:-2}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${MODALSCOPE_BUILD_TYPE:-RelWithDebInfo}"
cmake --build "$build" -j "$jobs"
