#!/usr/bin/env bash
# Installs the browser tests' Node packages (playwright-core, axe-core) exactly as locked. Run by the
# Maven build (infra/integration-tests) when web/node_modules is missing; safe to run by hand.
# playwright-core never downloads a browser: the tests use Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "ERROR: Node.js 20+ and npm are required for the reporting form's browser tests (web/)." >&2
  exit 1
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
