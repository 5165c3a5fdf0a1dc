#!/usr/bin/env bash
# Runs every test on a fresh clone: installs dependencies and Chromium when
# missing, finds or starts PostgreSQL, builds the app, then vitest and Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium from Debian's packages…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

# npm puts node_modules/.bin first on PATH: the project's own Node (the pinned `node` devDependency)
# runs everything from here on, whatever Node started npm.
echo "Running the test suite on Node $(node --version)"
npx tsc --noEmit
# The HTTP tests (tests/http) and Playwright run against the production build.
npx next build
npx vitest run
npx playwright test
