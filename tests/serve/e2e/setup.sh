#!/bin/sh
# Idempotent set-up for the browser test: Debian's chromium and npm's playwright-core (no browser download).
# Run as root (apt) from anywhere:  sh tests/serve/e2e/setup.sh
set -e
cd "$(dirname "$0")"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update && apt-get install -y --no-install-recommends chromium
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi
echo "browser test ready: /usr/bin/chromium + $(node -p 'require("./node_modules/playwright-core/package.json").version' 2>/dev/null || echo playwright-core)"
