#!/usr/bin/env bash
# Makes sure a Chrome or Chromium is installed. Romaine never downloads a browser
# (CI machines have no internet); on Debian/Ubuntu as root it installs Debian's
# chromium package, elsewhere it says what to install.
set -euo pipefail
if [ -n "${ROMAINE_BROWSER:-}" ]; then
  if [ -x "$ROMAINE_BROWSER" ] || command -v "$ROMAINE_BROWSER" >/dev/null 2>&1; then exit 0; fi
  echo "romaine: ROMAINE_BROWSER=$ROMAINE_BROWSER is not an executable. Set it to the path of Chrome or Chromium, or unset it." >&2
  exit 1
fi
for b in chromium chromium-browser google-chrome google-chrome-stable chrome /usr/bin/chromium; do
  if command -v "$b" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "romaine: installing Debian's chromium (apt-get install -y chromium)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  command -v chromium >/dev/null && exit 0
fi
echo "romaine: no Chrome or Chromium found. Install one (Debian/Ubuntu: sudo apt-get install -y chromium; macOS: install Google Chrome), or set ROMAINE_BROWSER to its path." >&2
exit 1
