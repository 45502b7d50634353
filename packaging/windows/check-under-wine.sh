#!/usr/bin/env bash
# Run the NSIS installer's logic under Wine (64-bit): a silent install, an upgrade, a move to
# another folder, the refusals (install folder = data folder, inside it or holding it; the app
# running) and the uninstall, checking the files, the shortcut, the registry entry and that the
# data folder survives. Too heavy for CI (Wine is ~700 MB): run it by hand after changing
# msp-desk.nsi. Needs makensis with the amd64-unicode stubs (Debian's nsis) and wine64
# (Debian: apt-get install --no-install-recommends wine64); says so and exits 0 when missing.
# The stand-in msp-desk.exe is Wine's ping.exe: a real program, so "the app is running" is real.
set -uo pipefail
cd "$(dirname "$0")/../.."
script=$PWD/packaging/windows/msp-desk.nsi

wine=$(command -v wine64 || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true)
ping_exe=$(ls /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ping.exe /usr/lib/wine/x86_64-windows/ping.exe 2>/dev/null | head -n 1)
if ! command -v makensis >/dev/null 2>&1 || [ -z "$wine" ] || [ -z "$ping_exe" ]; then
    echo "check-under-wine: SKIPPED: needs makensis and wine64 (apt-get install nsis wine64)"
    exit 0
fi

wineserver=$(command -v wineserver || echo "$(dirname "$wine")/wineserver")
work=$(mktemp -d)
trap '"$wineserver" -k 2>/dev/null; rm -rf "$work"' EXIT
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY  # a silent install opens no window; Wine needs no X server for it
"$wine" wineboot -i >/dev/null 2>&1

user_win="C:\\users\\$(id -un)\\AppData\\Local"
user_unix="$WINEPREFIX/drive_c/users/$(id -un)"
local_unix="$user_unix/AppData/Local"
program="$local_unix/Programs/MSP Desk"
program_win="$user_win\\Programs\\MSP Desk"
data="$local_unix/msp-desk"
shortcut="$user_unix/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/MSP Desk.lnk"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\MSP Desk'

failed=0
check() { # description, then a test command
    local what=$1
    shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failed=1; fi
}
build() { # version name: a setup program holding _internal/only-in-<name>.txt
    mkdir -p "$work/$2/_internal"
    cp "$ping_exe" "$work/$2/msp-desk.exe"
    echo "$2" >"$work/$2/_internal/only-in-$2.txt"
    makensis -V1 -WX -DTARGET=amd64-unicode "-DVERSION=$1" "-DPAYLOAD=$work/$2" \
        "-DOUTFILE=$work/msp-desk-setup-$2.exe" "$script" || exit 1
}
# cmd /c passes the command line untouched: /D= and _?= must come last and unquoted.
run() { "$wine" cmd /c "$1" >/dev/null 2>&1; }
setup() { run "Z:${work//\//\\}\\msp-desk-setup-$1.exe /S${2:+ /D=$2}"; }
uninstall() { run "cd /d $program_win && uninstall.exe /S _?=$program_win"; }
registry() { "$wine" reg query "$key" 2>/dev/null | tr -d '\r'; }
no_registry_entry() { ! "$wine" reg query "$key" >/dev/null 2>&1; }

build 0.1.0 old
build 0.2.0 new

setup old
check "install exits 0" test $? = 0
check "the program is in %LOCALAPPDATA%\\Programs\\MSP Desk" test -f "$program/msp-desk.exe" -a -f "$program/_internal/only-in-old.txt" -a -f "$program/uninstall.exe"
check "a Start menu entry, no desktop shortcut" test -f "$shortcut" -a ! -e "$user_unix/Desktop/MSP Desk.lnk"
entry=$(registry)
for value in DisplayName DisplayVersion Publisher DisplayIcon InstallLocation UninstallString QuietUninstallString EstimatedSize NoModify NoRepair; do
    check "the uninstall entry has $value" grep -q " $value " <<<"$entry"
done
check "InstallLocation is the program folder" grep -qF "InstallLocation    REG_SZ    $program_win" <<<"$entry"

mkdir -p "$data/backups"
echo shop >"$data/msp-desk.sqlite3"
echo backup >"$data/backups/msp-desk-daily.sqlite3"
setup new
check "upgrade exits 0" test $? = 0
check "the upgrade replaced the program files" test -f "$program/_internal/only-in-new.txt" -a ! -e "$program/_internal/only-in-old.txt"
check "the upgrade kept the data" test -f "$data/msp-desk.sqlite3" -a -f "$data/backups/msp-desk-daily.sqlite3"
check "the entry shows the new version" grep -q "DisplayVersion    REG_SZ    0.2.0" <<<"$(registry)"

for folder in "$user_win\\msp-desk" "$user_win\\msp-desk\\app" "$user_win" "${user_win,,}\\MSP-DESK\\"; do
    setup new "$folder"
    check "refuses to install in $folder (exit 2)" test $? = 2
done
check "the refusals wrote nothing" test ! -e "$data/msp-desk.exe" -a ! -e "$data/app" -a ! -e "$local_unix/msp-desk.exe"

setup new "$user_win\\msp-desk-app"
check "installs in a sibling folder msp-desk-app" test $? = 0 -a -f "$local_unix/msp-desk-app/msp-desk.exe"
check "moving the install removed the old folder's program" test ! -e "$program/msp-desk.exe" -a ! -e "$program/_internal"
setup new "$program_win"
check "moving back removed the sibling folder" test $? = 0 -a ! -e "$local_unix/msp-desk-app"

"$wine" "$program/msp-desk.exe" -n 60 127.0.0.1 >/dev/null 2>&1 &
running=$!
for _ in $(seq 50); do "$wine" tasklist 2>/dev/null | grep -qi msp-desk.exe && break; sleep 0.2; done
setup new
check "install refuses while the app runs (exit 3)" test $? = 3 -a -f "$program/msp-desk.exe"
uninstall
check "uninstall refuses while the app runs (exit 3)" test $? = 3 -a -f "$program/msp-desk.exe"
"$wine" taskkill /f /im msp-desk.exe >/dev/null 2>&1
wait "$running" 2>/dev/null

uninstall
check "uninstall exits 0" test $? = 0
check "the program files are gone" test ! -e "$program/msp-desk.exe" -a ! -e "$program/_internal"
check "the Start menu entry is gone" test ! -e "$shortcut"
check "the uninstall entry is gone" no_registry_entry
check "the data folder is untouched" test -f "$data/msp-desk.sqlite3" -a -f "$data/backups/msp-desk-daily.sqlite3"

if [ "$failed" = 0 ]; then echo "check-under-wine: OK"; else echo "check-under-wine: FAILED" >&2; fi
exit "$failed"
