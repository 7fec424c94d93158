#!/usr/bin/env bash
# Builds the Debian package of Lightbox (Release, installed under /usr) and prints the path of the .deb.
# Idempotent: reuses build-deb/ and rebuilds only what changed. Needs installer/install-deps.sh first.
# Usage: installer/build-deb.sh     then: sudo apt-get install ./build-deb/lightbox_*.deb
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-deb"

generator=()
if command -v ninja >/dev/null 2>&1 && [ ! -f "$build/CMakeCache.txt" ]; then generator=(-G Ninja); fi

cmake -S "$root" -B "$build" "${generator[@]}" \
  -DCMAKE_BUILD_TYPE=Release -DLIGHTBOX_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr >&2
cmake --build "$build" --parallel >&2
rm -f "$build"/lightbox_*.deb
(cd "$build" && cpack -G DEB >&2)

deb="$(ls "$build"/lightbox_*.deb)"
echo "$deb"
