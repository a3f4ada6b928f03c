#!/usr/bin/env bash
# Installs the real Minecraft peers the tests drive (node-minecraft-protocol, and playwright-core for the
# dashboard) from the committed lockfile in src/test/node; Maven runs it before the tests, and it does nothing
# when they are installed already. Without npm the tests that need the peers skip, and say so.
set -u
cd "$(dirname "$0")/../src/test/node" || exit 0
if ! command -v npm >/dev/null 2>&1; then
  echo "[test peers] npm not found: tests with real Minecraft clients and servers will be skipped (install Node.js 20+)"
  exit 0
fi
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
echo "[test peers] npm ci in src/test/node"
if ! npm ci --no-audit --no-fund --loglevel=error; then
  echo "[test peers] npm ci failed: tests with real Minecraft clients and servers will be skipped"
fi
exit 0
