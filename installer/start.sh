#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and starts Lightbox on its embedded defaults: AE title LIGHTBOX,
# port 4242, SQLite index and storage under $XDG_DATA_HOME/lightbox. Extra arguments go to lightbox.
set -euo pipefail
cd "$(dirname "$0")/.."
"$PWD/installer/install-deps.sh"
BUILD_DIR=${BUILD_DIR:-build}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/lightbox-ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIGHTBOX_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target lightbox
exec "$BUILD_DIR/app/lightbox" "$@"
