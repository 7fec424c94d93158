#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and passes the whole Lightbox test suite:
# install packages, configure (-Werror), build, run ctest (GUI tests under Xvfb).
# Usage: installer/run-tests.sh            BUILD_DIR=build-ci by default; CTEST_ARGS for extra ctest flags.
set -euo pipefail
cd "$(dirname "$0")/.."
"$PWD/installer/install-deps.sh"

BUILD_DIR=${BUILD_DIR:-build-ci}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/lightbox-ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIGHTBOX_WERROR=ON
cmake --build "$BUILD_DIR" --parallel "$(nproc)"
# Tests never touch the user's own settings or storage.
export XDG_CONFIG_HOME XDG_DATA_HOME
XDG_CONFIG_HOME=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"' EXIT
cd "$BUILD_DIR"
# shellcheck disable=SC2086
xvfb-run -a -s "-screen 0 1280x1024x24" ctest --output-on-failure --timeout 900 ${CTEST_ARGS:-}
