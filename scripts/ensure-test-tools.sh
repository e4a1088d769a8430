#!/bin/sh
# Brings the tools the tests run for real where a machine lacks them: ClamAV's scanner (Debian's
# `clamav` package) scans attachments in the local pipeline. Only Debian's own package is
# installed; no virus signatures are downloaded (the project ships its own test signatures).
set -eu

# Chromium: the browser tests (test/browser/) render the emails with Debian's own chromium,
# driven by playwright-core; no browser is downloaded from anywhere else.
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-test-tools: /usr/bin/chromium is missing; installing Debian's chromium package (apt-get)…"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-tools: no apt-get here; install Chromium at /usr/bin/chromium yourself, then run npm test again." >&2
    exit 1
  fi
  CHROMIUM_SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    CHROMIUM_SUDO="sudo"
  fi
  $CHROMIUM_SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $CHROMIUM_SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
  echo "ensure-test-tools: installed $(/usr/bin/chromium --version)"
fi

if command -v clamscan >/dev/null 2>&1; then
  exit 0
fi
echo "ensure-test-tools: clamscan is missing; installing Debian's clamav package (apt-get)…"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: no apt-get here; install ClamAV (clamscan) yourself, then run npm test again." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clamav >/dev/null
echo "ensure-test-tools: installed $(clamscan --version)"
