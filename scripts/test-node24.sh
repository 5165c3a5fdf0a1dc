#!/usr/bin/env bash
# `npm test` on Node 24 (the npm registry's `node` package, installed once under .data/node24):
# the same steps (scripts/test.sh) with Node 24 first on PATH, so tsc, next build, vitest and the
# servers it starts, Playwright and its web server all run on it. CI keeps the machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE24="$(bash scripts/node24.sh)"
export PATH="$(dirname "$NODE24"):$PATH"
echo "Running the test suite on Node $(node --version) (npm $(npm --version))"
exec bash scripts/test.sh
