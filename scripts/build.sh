#!/usr/bin/env bash
# Configures and builds Modalscope with Ninja (and ccache when present) into
# build/ (or $MODALSCOPE_BUILD_DIR). Two parallel jobs by default: the
# machines this targets have two cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MODALSCOPE_BUILD_DIR:-$root/build}"
jobs="${MODALSCOPE_JOBS:-2}"
# Let ccache share results between clones of the repository (CI builds a
# fresh clone each time): paths are hashed relative to the repository root.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
# MODALSCOPE_SANITIZE=1: ASan + UBSan (scripts/test.sh --sanitize).
# It is compiled with clang 14 when present (CXX overrides): GCC's
# instrumentation took minutes for some files; clang's, at -O1 with line
# tables only (all a report's stack needs), builds several times faster.
sanitize=OFF
extra=()
if [ "${MODALSCOPE_SANITIZE:-0}" = 1 ]; then
  sanitize=ON
  if [ -z "${CXX:-}" ] && command -v clang++-14 >/dev/null; then
    extra+=(-DCMAKE_CXX_COMPILER=clang++-14)
  fi
  extra+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG")
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${MODALSCOPE_BUILD_TYPE:-RelWithDebInfo}" \
  -DMODALSCOPE_SANITIZE="$sanitize" "${extra[@]}"
cmake --build "$build" -j "$jobs"
