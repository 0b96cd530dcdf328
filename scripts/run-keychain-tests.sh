#!/usr/bin/env bash
# Runs the keychain suite against the real OS keychain: a private D-Bus session with an
# unlocked gnome-keyring, in a throwaway HOME so the real login keyring is never touched
# (keytar talks to the Secret Service over the session bus). Then runs the "no secret service"
# path in a bus without a keyring.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null; then
    echo "keychain tests need $tool (apt-get install dbus gnome-keyring)" >&2
    exit 1
  fi
done
KH=$(mktemp -d)
trap 'rm -rf "$KH"' EXIT
echo "keychain: real gnome-keyring in a private D-Bus session"
HOME=$KH KEYCHAIN_REQUIRED=1 dbus-run-session -- bash -c \
  'echo -n ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npx vitest run --config test/keychain/vitest.config.ts test/keychain/keychain-available.test.ts' 2> >(grep -v 'Failed to set fd limit' >&2)
echo "keychain: a D-Bus session with no secret service (session-only mode expected)"
KH2=$(mktemp -d)
HOME=$KH2 dbus-run-session -- npx vitest run --config test/keychain/vitest.config.ts test/keychain/keychain-missing.test.ts 2> >(grep -Ev 'Failed to set fd limit|SystemPrompter' >&2)
rm -rf "$KH2"
