#!/usr/bin/env bash
# `npm start`: builds the extension and opens it in code-server on a scratch copy of sample-workspace/.
# Stays in the foreground until Ctrl-C. MESHAWARE_DEMO_PORT picks the port (default: a free one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup-tools.sh
# shellcheck source=/dev/null # written by setup-tools.sh: the demo runs on its Node 24
source "${MESHAWARE_TOOLS:-$PWD/.tools}/env.sh"
npm run build --silent
exec npx tsx test/harness/serveDemo.ts
