#!/usr/bin/env bash
# `npm test`: every suite, in order of cost. Any failure stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "=== $* ==="; }
step "typecheck";  npm run --silent typecheck
step "lint";       npm run --silent lint
step "build";      npm run --silent build
step "unit + integration (Node, real simulator on 127.0.0.1)"; npx vitest run
step "keychain (real gnome-keyring over D-Bus)"; npm run --silent test:keychain
step "end-to-end (Playwright + Debian Chromium)"; npx playwright test
step "packaging (electron-builder config, offline)"; npm run --silent test:packaging
step "electron smoke (only where an Electron binary exists)"; npm run --silent test:electron
echo; echo "All suites passed."
