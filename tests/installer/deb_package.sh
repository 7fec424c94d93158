#!/usr/bin/env bash
# The Debian package: built with cpack from this build tree, it declares its library dependencies (shlibdeps),
# ships the binaries, desktop entry, icon and AppStream metainfo, and `lightbox --version` runs from it.
# With LIGHTBOX_TEST_INSTALL_DEB=1 (CI, as root) it is also installed with apt-get, run from /usr/bin and
# removed again.
#   deb_package.sh BUILD_DIR EXPECTED_VERSION
set -euo pipefail
build=$1
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/lightbox_*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libqt6widgets6 libqt6core6 libdcmtk17 libsqlite3-0 libqt6svg6; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version is not $version"

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/lightbox ./usr/bin/lightbox-testsend \
         ./usr/share/applications/io.github.lightbox.Lightbox.desktop \
         ./usr/share/icons/hicolor/scalable/apps/io.github.lightbox.Lightbox.svg \
         ./usr/share/metainfo/io.github.lightbox.Lightbox.metainfo.xml; do
  grep -q " $f\$" <<<"$contents" || fail "package lacks $f"
done

dpkg-deb -x "$deb" "$work/root"
out=$("$work/root/usr/bin/lightbox" --version)
[ "$out" = "lightbox $version" ] || fail "unpacked lightbox --version said: $out"
# The German translation is compiled in (Qt resource names are UTF-16).
names=$({ strings -eb "$work/root/usr/bin/lightbox"; strings -el "$work/root/usr/bin/lightbox"; } | grep -c "lightbox_de.qm" || true)
[ "$names" -gt 0 ] || fail "no German translation in the binary"
echo "unpacked: $out"

if [ "${LIGHTBOX_TEST_INSTALL_DEB:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
  if dpkg-query -W lightbox >/dev/null 2>&1; then fail "a lightbox package is already installed; not touching it"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
  out=$(/usr/bin/lightbox --version) || true
  installed_ok=0; [ "$out" = "lightbox $version" ] && installed_ok=1
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -q lightbox >/dev/null 2>&1 || fail "apt-get remove"
  [ $installed_ok = 1 ] || fail "installed lightbox --version said: $out"
  echo "installed and removed: $out"
else
  echo "not installed (set LIGHTBOX_TEST_INSTALL_DEB=1 as root to install and remove it)"
fi
echo "PASS"
