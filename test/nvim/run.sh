#!/usr/bin/env bash
# Neovim end-to-end test of the language server: bash test/nvim/run.sh
# Needs Neovim ≥ 0.7 (installed with apt when missing) and a built server (npm run build → out/server.js).
# Env: PILLARLINK_NVIM_SERVER (server .js, default <repo>/out/server.js), PILLARLINK_E2E_EXAMPLES (site to copy),
#      PILLARLINK_E2E_SCENARIO (JSON merged over SCENARIO in test/e2e/run.mjs, which names the support page).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if ! command -v nvim >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq neovim >&2
fi
SERVER="$(realpath "${PILLARLINK_NVIM_SERVER:-$REPO/out/server.js}")"
[[ -f "$SERVER" ]] || { echo "no server at $SERVER: run npm run build"; echo "0 passed, 1 failed"; exit 1; }

# The support page and its expected line come from the same SCENARIO the editor e2e test uses.
read -r EXAMPLES FILE LINE FIX_LINE < <(cd "$REPO" && node --input-type=module -e "
  const { CONFIG } = await import('./test/e2e/run.mjs');
  const s = CONFIG.scenario.support;
  console.log(CONFIG.examples, s.file, s.line ?? 0, s.fixLine ?? 0);")

RUN="$(mktemp -d "${TMPDIR:-/tmp}/pillarlink-nvim-XXXXXX")"
trap 'rm -rf "$RUN"' EXIT
cp -r "$EXAMPLES" "$RUN/ws"

cd "$RUN"
PILLARLINK_NVIM_ROOT="$RUN/ws" PILLARLINK_NVIM_FILE="$FILE" PILLARLINK_NVIM_LINE="${LINE#0}" PILLARLINK_NVIM_FIX_LINE="${FIX_LINE#0}" PILLARLINK_NVIM_SERVER="$SERVER" \
  HOME="$RUN" XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" XDG_STATE_HOME="$RUN/xdg-state" \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $REPO/test/nvim/e2e.lua"
