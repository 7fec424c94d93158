#!/usr/bin/env bash
# Installs every Debian 12 package Lightbox needs to build, run and test. Idempotent: safe to run again.
# Usage: installer/install-deps.sh            (as root, or with sudo available)
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-tools-dev qt6-l10n-tools libqt6opengl6-dev libqt6sql6-sqlite libqt6svg6 qt6-translations-l10n
  libgl-dev libdcmtk-dev libvtk9-dev libopenjp2-7-dev qtkeychain-qt6-dev libsqlite3-dev zlib1g-dev
)
RUNTIME_PACKAGES=(
  dcmtk sqlite3
)
TEST_PACKAGES=(
  xvfb xauth imagemagick python3 python3-pydicom python3-numpy python3-gdcm
  orthanc orthanc-dicomweb curl jq bc hyperfine time procps strace eatmydata desktop-file-utils appstream
  dbus-daemon
)

SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

want=("${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#want[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# Debian's orthanc package may start a system service on install; the tests start their own instances.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now orthanc >/dev/null 2>&1 || true; fi
