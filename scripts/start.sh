#!/usr/bin/env bash
# From a fresh Debian 12 machine: installs what is needed, builds, and starts
# the Modalscope workbench on PROJECT (a .msproj file). Without PROJECT it
# opens ~/Modalscope/obygaze12.msproj, first importing the real ObyGaze12
# expert table from ../shared when that project does not exist yet.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
bin="${MODALSCOPE_BUILD_DIR:-$root/build}/app"
project="${1:-}"
if [ -z "$project" ]; then
  project="$HOME/Modalscope/obygaze12.msproj"
  if [ ! -f "$project" ]; then
    mkdir -p "$(dirname "$project")"
    shared="${MODALSCOPE_SHARED:-$root/../shared}"
    table="$shared/datasets/obygaze12/ObyGaze12_thresh_02.csv"
    if [ -f "$table" ]; then
      "$bin/modalscope-cli" import-annotations --db "$project" --format obygaze --csv "$table"
    else
      "$bin/modalscope-cli" init --db "$project"
    fi
  fi
fi
exec "$bin/modalscope" "$project"
