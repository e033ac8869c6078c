#!/usr/bin/env bash
# Install the real DICOM peers that the interop integration tests (tests/interop_integration/) talk to:
# Debian's `orthanc` (PACS), `orthanc-dicomweb` (its DICOMweb plugin) and `dcmtk` (storescu/echoscu).
#
#   bash scripts/ci_orthanc.sh
#
# Idempotent: installs only what is missing (apt-get update; apt-get install -y ...), then checks that
# /usr/sbin/Orthanc, the DICOMweb plugin and storescu are present. It does NOT start a system Orthanc: the
# tests start their own on loopback with a temporary configuration and storage folder, and stop it. If the
# package's post-install started the system service (only where systemd runs), it is stopped again so it
# does not hold ports 4242/8042. Needs root (or sudo) on Debian 12. Messages go to stderr.
set -euo pipefail

log() { echo "ci_orthanc: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    log "needs root (or sudo) to install orthanc, orthanc-dicomweb and dcmtk"
    exit 1
fi

find_plugin() {
    local d
    for d in /usr/share/orthanc/plugins /usr/lib/orthanc/plugins /usr/lib/x86_64-linux-gnu/orthanc/plugins \
             /usr/lib/aarch64-linux-gnu/orthanc/plugins; do
        if [ -e "$d/libOrthancDicomWeb.so" ]; then
            echo "$d/libOrthancDicomWeb.so"
            return 0
        fi
    done
    dpkg -L orthanc-dicomweb 2>/dev/null | grep -m1 'libOrthancDicomWeb\.so' || return 1
}

missing=()
[ -x /usr/sbin/Orthanc ] || missing+=(orthanc)
find_plugin >/dev/null 2>&1 || missing+=(orthanc-dicomweb)
command -v storescu >/dev/null 2>&1 || missing+=(dcmtk)

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d 101: keep the package scripts from starting the system Orthanc (sysvinit/invoke-rc.d)
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
        "${SUDO[@]}" chmod 755 "$policy"
        created_policy=1
    fi
    cleanup() { if [ "$created_policy" -eq 1 ]; then "${SUDO[@]}" rm -f "$policy"; fi; }
    trap cleanup EXIT
    "${SUDO[@]}" apt-get update -qq >&2
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    cleanup
    trap - EXIT
    # where systemd runs, the unit may have been started anyway: the tests bring their own Orthanc
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        "${SUDO[@]}" systemctl stop orthanc >/dev/null 2>&1 || true
        "${SUDO[@]}" systemctl disable orthanc >/dev/null 2>&1 || true
    fi
fi

# --- check ----------------------------------------------------------------------------------------------
[ -x /usr/sbin/Orthanc ] || { log "/usr/sbin/Orthanc is missing after installing 'orthanc'"; exit 1; }
plugin="$(find_plugin)" || { log "libOrthancDicomWeb.so not found after installing 'orthanc-dicomweb'"; exit 1; }
command -v storescu >/dev/null 2>&1 || { log "storescu is missing after installing 'dcmtk'"; exit 1; }
log "Orthanc $(/usr/sbin/Orthanc --version 2>/dev/null | head -n 1 | awk '{print $NF}'), DICOMweb plugin $plugin," \
    "storescu $(command -v storescu): ready (not started; the tests start their own)"
