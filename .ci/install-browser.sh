#!/usr/bin/env bash
# Installs Debian's chromium for the Playwright browser tests (tests/test_web_browser.py).
# Playwright drives it through executable_path=/usr/bin/chromium; we never run
# `playwright install`, which would download a browser build at test time.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-browser: /usr/bin/chromium already present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
