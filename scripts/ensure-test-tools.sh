#!/bin/sh
# Brings the tools the tests run for real where a machine lacks them, from Debian's own packages:
# ClamAV's scanner (`clamav`) scans attachments in the local pipeline, and Chromium (`chromium`)
# runs the browser tests of the caseworker console (driven by playwright-core; no browser is
# downloaded from anywhere else). No virus signatures are downloaded either: the project ships
# its own test signatures.
set -eu
missing=""
if ! command -v clamscan >/dev/null 2>&1; then
  echo "ensure-test-tools: clamscan is missing; installing Debian's clamav package (apt-get)…"
  missing="$missing clamav"
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-test-tools: /usr/bin/chromium is missing; installing Debian's chromium package (apt-get)…"
  missing="$missing chromium"
fi
if [ -z "$missing" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: no apt-get here; install$missing yourself, then run npm test again." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
# shellcheck disable=SC2086 -- the package names are meant to split
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
for package in $missing; do
  case "$package" in
    clamav) echo "ensure-test-tools: installed $(clamscan --version)" ;;
    chromium) echo "ensure-test-tools: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)" ;;
  esac
done
