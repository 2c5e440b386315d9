#!/usr/bin/env bash
# Installs the local stack's Node packages (the SES emulator) exactly as locked. Run by the Maven
# build when infra/local/node_modules is missing; safe to run by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "ERROR: Node.js and npm are required for Bidrag's local SES emulator (aws-ses-v2-local)." >&2
  echo "       Install Node.js 18 or newer (https://nodejs.org/) and run the build again." >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
