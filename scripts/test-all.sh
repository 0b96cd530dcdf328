#!/usr/bin/env bash
# `npm test`: every suite, in order of cost. Any failure stops the run with a non-zero exit.
# The last line sums the tests that ran, so a run that silently ran nothing is visible.
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
step() { echo; echo "=== $* ==="; }
run() { "$@" 2>&1 | tee -a "$LOG"; }
step "typecheck";  npm run --silent typecheck
step "lint";       npm run --silent lint
step "build";      npm run --silent build
if [ "$(uname -s)" = "Linux" ]; then
  step "electronegativity (static Electron checks; only reviewed findings pass)"; npm run --silent test:electronegativity
  step "unit + integration (Node, real simulator on 127.0.0.1)"; run npx vitest run
  step "keychain (real gnome-keyring over D-Bus)"; run npm run --silent test:keychain
  step "end-to-end (Playwright + Chromium)"; run npx playwright test
  step "packaging (electron-builder config, offline)"; run npm run --silent test:packaging
else
  # macOS and Windows (the release workflow's runners): the cross-platform part only. The
  # keychain suite needs gnome-keyring over D-Bus, the browser suites a Chromium driven the
  # Linux way, the packaging checks `--linux dir`; they run on Linux, in full.
  step "unit (Node; the cross-platform subset on $(uname -s))"; run npx vitest run test/unit
fi
step "electron smoke (only where an Electron binary exists)"; run npm run --silent test:electron
plain=$(sed -e 's/\x1b\[[0-9;]*m//g' "$LOG")
sum() { local n t=0; while read -r n; do t=$((t + n)); done; echo "$t"; }
vitest=$({ grep -E '^\s*Tests\s+[0-9]+ passed' <<<"$plain" || true; } | sed -E 's/^\s*Tests\s+([0-9]+) passed.*/\1/' | sum)
playwright=$({ grep -E '^\s+[0-9]+ passed \(' <<<"$plain" || true; } | sed -E 's/^\s+([0-9]+) passed.*/\1/' | sum)
total=$((vitest + playwright))
if [ "$total" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
echo
echo "All suites passed: $vitest Vitest and $playwright Playwright tests."
echo "$total passed, 0 failed"
