#!/usr/bin/env bash
# Makes Debian's Chromium and ChromeDriver available for the real-browser IT (EditorPageIT): /usr/bin/chromium
# and /usr/bin/chromedriver, from the packages chromium and chromium-driver. Installs them when absent (needs
# root, as in CI). Idempotent: safe to run on a machine where it already ran.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "[chromium] installing Chromium and ChromeDriver (Debian packages chromium, chromium-driver)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# sed reads the whole output (head would close the pipe early and fail the script under pipefail)
browser=$(/usr/bin/chromium --version 2>/dev/null | sed -n 1p)
driver=$(/usr/bin/chromedriver --version 2>/dev/null | sed -n 1p)
browser_major=$(echo "$browser" | sed -n 's/[^0-9]*\([0-9]\+\)\..*/\1/p')
driver_major=$(echo "$driver" | sed -n 's/[^0-9]*\([0-9]\+\)\..*/\1/p')
if [ "$browser_major" != "$driver_major" ]; then
  echo "[chromium] $browser and $driver differ in their major version: chromedriver will refuse the browser." >&2
  exit 1
fi
echo "[chromium] ready: $browser, $driver" >&2
