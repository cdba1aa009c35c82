#!/usr/bin/env bash
# From a fresh Debian 12 machine: installs what is needed, builds, and starts
# the Modalscope workbench on PROJECT (a .msproj file). Without PROJECT it
# opens the demo project ~/Modalscope/demo/demo.msproj, building it offline
# the first time (six generated films with planted visual, audio and spoken
# events, clips labelled from them; see docs/demo.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
bin="${MODALSCOPE_BUILD_DIR:-$root/build}/app"
project="${1:-}"
if [ -z "$project" ]; then
  project="$HOME/Modalscope/demo/demo.msproj"
  if [ ! -f "$project" ]; then
    "$bin/modalscope-cli" demo --out "$(dirname "$project")"
  fi
fi
exec "$bin/modalscope" "$project"
