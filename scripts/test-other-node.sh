#!/usr/bin/env bash
# `npm test` on another Node that package.json's engines allow (e.g. `npm run test:node22`). npm
# puts node_modules/.bin first on PATH for every script and npx, and the project's own Node (the
# pinned `node` devDependency) lives there: it steps aside for the run and comes back after it.
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER="$(bash scripts/node-version.sh "${1:?usage: scripts/test-other-node.sh <major>}")"
PINNED=node_modules/.bin/node
if [ -e "$PINNED" ]; then
  mv "$PINNED" "$PINNED.pinned"
  trap 'mv "$PINNED.pinned" "$PINNED"' EXIT
fi
export PATH="$(dirname "$OTHER"):$PATH"
echo "Running the test suite on Node $(node --version) (npm $(npm --version))"
bash scripts/test.sh
