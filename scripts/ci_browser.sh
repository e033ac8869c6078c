#!/usr/bin/env bash
# Install the browser the web UI tests drive (issue 8): Debian's `chromium` package at /usr/bin/chromium.
#
#   scripts/ci_browser.sh          # idempotent: does nothing when /usr/bin/chromium already runs
#
# Playwright's own browser download (`playwright install`) is never used: the tests launch Debian's Chromium
# with executable_path=/usr/bin/chromium. Needs root (or passwordless sudo) on Debian 12 when the package is
# missing. Prints the browser version on stdout at the end; everything else goes to stderr.
set -euo pipefail

CHROMIUM="${RADPILOT_CHROMIUM:-/usr/bin/chromium}"

log() { echo "ci_browser: $*" >&2; }

if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo -n)
    else
        log "needs root (or sudo) to install Debian's chromium package"
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        log "apt-get not found: install Chromium so that $CHROMIUM exists, then run the tests again"
        exit 1
    fi
    log "installing Debian's chromium package"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq >&2
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi

if [ ! -x "$CHROMIUM" ]; then
    log "$CHROMIUM is still missing after installing the chromium package"
    exit 1
fi

# A headless start proves the shared libraries are all there (a missing one fails here, not in the tests).
if ! "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --dump-dom about:blank >/dev/null 2>&1; then
    log "$CHROMIUM is installed but does not start headless; run it by hand to see why"
    exit 1
fi
"$CHROMIUM" --version 2>/dev/null
