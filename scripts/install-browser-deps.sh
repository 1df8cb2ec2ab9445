#!/bin/sh
# Set up what tests/browser needs: Debian's chromium and the npm packages
# (playwright-core, axe-core) pinned in tests/browser/package-lock.json.
# Never fails the build: where something cannot be installed it says so, and the
# browser test skips with that reason.
set -u
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-browser-deps: installing chromium (apt-get)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "install-browser-deps: could not install chromium; browser tests will be skipped"
  else
    echo "install-browser-deps: /usr/bin/chromium missing and not root with apt-get; browser tests will be skipped"
  fi
fi

if command -v npm >/dev/null 2>&1; then
  if [ ! -d tests/browser/node_modules/playwright-core ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) \
      || echo "install-browser-deps: npm ci failed; browser tests will be skipped"
  fi
else
  echo "install-browser-deps: npm not found; browser tests will be skipped"
fi
exit 0
