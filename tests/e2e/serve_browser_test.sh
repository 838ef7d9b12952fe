#!/usr/bin/env bash
# kg serve and kg export --format html in Debian's headless Chromium
# (tests/e2e/serve_browser.mjs, playwright-core from tools/web/node_modules).
# Screenshots of every step: <build>/serve-screenshots/*.png.
# scripts/setup.sh installs chromium, node and the npm packages, so in CI
# (CI=true, after setup.sh) a missing piece fails the test; on a developer
# machine without them it is skipped (exit 77) with the command that installs them.
set -euo pipefail
: "${KG:?path of the kg binary}" "${KG_SOURCE_DIR:?}"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
missing=""
[ -x "$CHROMIUM" ] || missing="$CHROMIUM"
command -v node >/dev/null || missing="$missing node"
[ -d "$KG_SOURCE_DIR/tools/web/node_modules/playwright-core" ] || missing="$missing playwright-core (npm ci in tools/web)"
if [ -n "$missing" ]; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: missing$missing ${missing:+(scripts/setup.sh installs them)}" >&2
    exit 1
  fi
  echo "SKIP: missing $missing (bash scripts/setup.sh installs them)" >&2
  exit 77
fi
export CHROMIUM
export SHOTS="${SHOTS:-$(cd "$(dirname "$KG")/.." && pwd)/serve-screenshots}"
exec node "$KG_SOURCE_DIR/tests/e2e/serve_browser.mjs"
