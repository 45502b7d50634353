#!/usr/bin/env bash
# Compile packaging/windows/msp-desk.nsi against a stand-in payload (no Windows build needed), with
# warnings as errors, so a script error shows up in CI. Installs Debian's nsis package when run as
# root and makensis is missing; where it cannot, says so and exits 0 (skipped, not failed).
# When 7z is present, also lists the installer to check it holds the program and the uninstaller.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v makensis >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "check-nsis: installing Debian's nsis package (makensis)"
        apt-get install -y -qq nsis >/dev/null || { apt-get update -qq && apt-get install -y -qq nsis >/dev/null; } || true
    fi
    if ! command -v makensis >/dev/null 2>&1; then
        echo "check-nsis: SKIPPED: makensis is not installed and could not be (needs root and apt-get: apt-get install nsis)"
        exit 0
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
payload="$work/payload"
mkdir -p "$payload/_internal/resources/icons"
# A stand-in for PyInstaller's one-folder bundle: only the layout matters to the script.
printf 'MZ stand-in for the PyInstaller msp-desk.exe\n' >"$payload/msp-desk.exe"
printf 'stand-in\n' >"$payload/_internal/base_library.zip"
cp resources/icons/msp-desk-16.png "$payload/_internal/resources/icons/"

out="$work/msp-desk-setup.exe"
makensis -V2 -WX -DVERSION=0.1.0 "-DPAYLOAD=$payload" "-DOUTFILE=$out" packaging/windows/msp-desk.nsi

if [ ! -s "$out" ] || [ "$(head -c 2 "$out")" != "MZ" ]; then
    echo "check-nsis: FAILED: makensis made no Windows executable at $out" >&2
    exit 1
fi

sevenzip=$(command -v 7zz || command -v 7z || true)
if [ -n "$sevenzip" ]; then
    listing=$("$sevenzip" l -ba -slt "$out" | sed -n 's/^Path = //p')
    for expected in msp-desk.exe _internal/base_library.zip _internal/resources/icons/msp-desk-16.png uninstall.exe; do
        if ! grep -qxF "$expected" <<<"$listing"; then
            echo "check-nsis: FAILED: the installer does not hold $expected; it holds:" >&2
            echo "$listing" >&2
            exit 1
        fi
    done
    # The uninstaller is written out at install time from the installer's own code: 7z rebuilds it.
    if [ "$("$sevenzip" e -so "$out" uninstall.exe | head -c 2)" != "MZ" ]; then
        echo "check-nsis: FAILED: the installer's uninstall.exe is not a Windows executable" >&2
        exit 1
    fi
    echo "check-nsis: the installer holds msp-desk.exe, its _internal folder and an uninstall.exe"
else
    echo "check-nsis: 7z not installed: did not list the installer's files"
fi
echo "check-nsis: OK: $(makensis -VERSION) compiled msp-desk.nsi ($(stat -c %s "$out") bytes)"
