#!/usr/bin/env bash
# Build MSP Desk's macOS disk image: the PyInstaller .app (packaging/msp-desk.spec), checked with
# --smoke, then dist/MSP-Desk-<version>.dmg with dmgbuild. Runs on macOS only, in an environment
# where `pip install '.[dist]'` has put pyinstaller and dmgbuild.
#   packaging/macos/build-dmg.sh            # build the app, then the image
#   SKIP_PYINSTALLER=1 packaging/macos/build-dmg.sh   # image an app already in dist/
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(uname -s)" != Darwin ]; then
    echo "build-dmg: needs macOS (hdiutil); the installers workflow runs it on macos-latest" >&2
    exit 1
fi
python=${PYTHON:-python3}
version=$("$python" -c 'from importlib.metadata import version; print(version("msp-desk"))')
app="dist/MSP Desk.app"
dmg="dist/MSP-Desk-$version.dmg"

if [ -z "${SKIP_PYINSTALLER:-}" ]; then
    "$python" -m PyInstaller --noconfirm --clean packaging/msp-desk.spec
fi
[ -d "$app" ] || { echo "build-dmg: $app was not built" >&2; exit 1; }
# The bundle must start before it is shipped: the main window offscreen on a demo file, a PDF.
"$app/Contents/MacOS/msp-desk" --smoke

rm -f "$dmg"
"$python" -m dmgbuild -s packaging/macos/dmg_settings.py -D app="$app" -D version="$version" "MSP Desk" "$dmg"
echo "build-dmg: $dmg ($(du -h "$dmg" | cut -f1))"
