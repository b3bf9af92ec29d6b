#!/usr/bin/env bash
# `npm test`: every check and test tier, in order, stopping at the first failure.
# Developer knobs: MESHAWARE_SKIP_<TIER>=1 skips a tier (e.g. MESHAWARE_SKIP_UI=1, MESHAWARE_SKIP_VSIX=1);
# they are ignored under CI, which always runs everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

passed=0
failed=0
timings=()
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

header() {
  printf '\n==== %s\n' "$1"
}

finish() {
  printf '\n==== Summary\n'
  [ ${#timings[@]} -eq 0 ] || printf '  %s\n' "${timings[@]}"
  echo "$passed passed, $failed failed"
}

stop() {
  printf '\nFAILED: %s (see its output above)\n' "$1" >&2
  finish
  exit 1
}

# step <title> <command...>: a check without test counts.
step() {
  local title=$1 t0=$SECONDS
  shift
  header "$title"
  "$@" || stop "$title"
  timings+=("$title: $((SECONDS - t0)) s")
}

# Adds a tier's totals: the harness's last "N passed, N failed" line, else mocha's "N passing"/"N failing".
add_totals() {
  local text summary p f
  text=$(sed 's/\x1b\[[0-9;]*m//g' "$1")
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' <<<"$text" | tail -1 || true)
  if [ -n "$summary" ]; then
    read -r p _ f _ <<<"$summary"
  else
    p=$(grep -oE '^ *[0-9]+ passing' <<<"$text" | tail -1 | grep -oE '[0-9]+' || echo 0)
    f=$(grep -oE '^ *[0-9]+ failing' <<<"$text" | tail -1 | grep -oE '[0-9]+' || echo 0)
  fi
  passed=$((passed + p))
  failed=$((failed + f))
}

# tier <key> <title> <command...>: a test tier; its totals add to the run's summary.
tier() {
  local key=$1 title=$2 t0=$SECONDS log
  shift 2
  local skip="MESHAWARE_SKIP_${key^^}"
  if [ "${!skip:-}" = 1 ] && [ -z "${CI:-}" ]; then
    header "$title: skipped ($skip=1)"
    timings+=("$title: skipped")
    return
  fi
  header "$title"
  log="$logs/$key.log"
  local status=0
  "$@" 2>&1 | tee "$log" || status=$?
  add_totals "$log"
  [ "$status" = 0 ] || stop "$title"
  timings+=("$title: $((SECONDS - t0)) s")
}

step "Tools and dependencies (scripts/setup-tools.sh)" bash scripts/setup-tools.sh
# shellcheck source=/dev/null # written by setup-tools.sh: the rest of the run uses its Node 24
source "${MESHAWARE_TOOLS:-$PWD/.tools}/env.sh"
step "Build" npm run build --silent
step "Lint (eslint)" npx eslint .
step "Type check" npm run typecheck --silent
tier unit "Unit tests (mocha)" npx mocha
tier sim "Simulated cluster, driven by kubectl" npm run test:sim --silent
tier cluster "Cluster layer and control plane against the simulated cluster" npm run test:cluster --silent
tier linkerd "Linkerd's own charts and decoders as the judge (Go)" npm run test:linkerd --silent
tier integration "Integration tests (extension host in code-server)" npm run test:integration --silent
tier oldest "Integration tests on the oldest VS Code that engines.vscode claims (1.99, code-server 4.99.4)" env MESHAWARE_VSCODE=oldest npm run test:integration --silent
tier ui "UI tests (workbench in Chromium)" npm run test:ui --silent
tier vsix "Packaged .vsix (installed into code-server)" npm run test:vsix --silent
tier package "Packed CLI on Node.js 20 and 24, its GitHub Actions step and pre-commit hook" npm run test:package --silent
finish
