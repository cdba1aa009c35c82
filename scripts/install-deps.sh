#!/usr/bin/env bash
# Installs every Debian 12 package Modalscope needs to build, run and test.
# Idempotent: packages already present are skipped by apt; apt-get update runs
# only when a package is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # the libFuzzer targets (scripts/fuzz.sh; CI runs them briefly): clang 14,
  # its fuzzer and sanitizer runtimes, llvm-symbolizer for their stack traces
  clang-14 libclang-rt-14-dev llvm-14
  # Qt 6.4
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-charts-dev
  qt6-qpa-plugins libqt6opengl6-dev libxkbcommon-dev libgl-dev fonts-dejavu-core
  # storage
  libsqlite3-dev sqlite3
  # team server: libpq for the client, PostgreSQL 15 server binaries for the
  # tests and `bench sync` (they start a throwaway cluster of their own)
  postgresql libpq-dev
  # media: FFmpeg 5.1 libraries and tool, GStreamer for Qt Multimedia playback
  libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libswscale-dev
  ffmpeg gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-libav espeak-ng
  # models: LibTorch 1.13 (CPU) and an optimised BLAS (see shared/PERFORMANCE.md)
  libtorch-dev libopenblas0-pthread
  # the PyTorch reference loop that `bench train` is measured against
  python3-torch python3-numpy
  # the experiment grid on a cluster: a single-node Slurm for its tests
  slurm-wlm munge
  # GUI tests without a display
  xvfb xauth
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#PACKAGES[@]} packages present"
fi
