#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright; install it
# when missing (Playwright's own browser download cannot work here).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is missing: run 'sudo apt-get install -y chromium'." >&2
  exit 1
fi
