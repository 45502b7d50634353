"""The Windows installer script: compiles with makensis (warnings as errors) against a stand-in
payload, holds the program and its uninstaller, and keeps the user's data folder out of reach."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "msp-desk.nsi"
MAKENSIS = shutil.which("makensis")
SEVEN_ZIP = shutil.which("7zz") or shutil.which("7z")
needs_makensis = pytest.mark.skipif(
    MAKENSIS is None, reason="makensis not installed (Debian: apt-get install nsis)"
)


def stand_in_payload(folder: Path) -> Path:
    """PyInstaller's one-folder layout with stand-in files: the script only needs the layout."""
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "msp-desk.exe").write_bytes(b"MZ stand-in")
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    (folder / "_internal" / "resources" / "fonts.txt").write_text("stand-in")
    return folder


def makensis(payload: Path, out: Path, version: str = "0.1.0") -> subprocess.CompletedProcess[str]:
    assert MAKENSIS is not None
    return subprocess.run(
        [
            MAKENSIS,
            "-V2",
            "-WX",
            f"-DVERSION={version}",
            f"-DPAYLOAD={payload}",
            f"-DOUTFILE={out}",
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def installer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if MAKENSIS is None:
        pytest.skip("makensis not installed (Debian: apt-get install nsis)")
    work = tmp_path_factory.mktemp("nsis")
    out = work / "msp-desk-setup.exe"
    result = makensis(stand_in_payload(work / "payload"), out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@needs_makensis
def test_the_script_compiles_with_warnings_as_errors_into_a_windows_program(installer):
    assert installer.read_bytes()[:2] == b"MZ"


@needs_makensis
@pytest.mark.parametrize("version", ["1.2.3.dev4+g5a6b7c", "2.0rc1"])
def test_a_version_that_is_not_three_plain_numbers_still_compiles(tmp_path, version):
    result = makensis(stand_in_payload(tmp_path / "payload"), tmp_path / "msp-desk-setup.exe", version)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_makensis
def test_a_folder_without_the_program_is_refused_at_compile_time(tmp_path):
    (tmp_path / "payload" / "_internal").mkdir(parents=True)
    result = makensis(tmp_path / "payload", tmp_path / "msp-desk-setup.exe")
    assert result.returncode != 0
    assert "holds no msp-desk.exe" in result.stdout + result.stderr
    assert not (tmp_path / "msp-desk-setup.exe").exists()


@needs_makensis
@pytest.mark.skipif(SEVEN_ZIP is None, reason="7z not installed (Debian: apt-get install p7zip-full)")
def test_the_installer_holds_the_program_its_files_and_an_uninstaller(installer):
    assert SEVEN_ZIP is not None
    listing = subprocess.run(
        [SEVEN_ZIP, "l", "-ba", "-slt", str(installer)], capture_output=True, text=True, check=True
    ).stdout
    paths = {line.removeprefix("Path = ") for line in listing.splitlines() if line.startswith("Path = ")}
    assert {
        "msp-desk.exe",
        "_internal/base_library.zip",
        "_internal/resources/fonts.txt",
        "uninstall.exe",
    } <= paths
    uninstaller = subprocess.run(
        [SEVEN_ZIP, "e", "-so", str(installer), "uninstall.exe"], capture_output=True, check=True
    ).stdout
    assert uninstaller[:2] == b"MZ"


def script_define(name: str) -> str:
    match = re.search(rf'^!define {name} "(.*)"$', SCRIPT.read_text(), re.MULTILINE)
    assert match, name
    return match.group(1)


def test_the_data_folder_the_uninstaller_names_is_the_one_the_app_uses_on_windows(monkeypatch):
    # platformdirs' Windows rules, with LOCALAPPDATA pinned through its own override variable.
    import platformdirs
    import platformdirs.windows

    from msp_desk.paths import data_dir

    local = r"C:\Users\ann\AppData\Local"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    in_script = PureWindowsPath(script_define("DATA_DIR").replace("$LOCALAPPDATA", local))
    assert PureWindowsPath(str(data_dir())) == in_script == PureWindowsPath(local, "msp-desk")


def test_the_uninstaller_never_deletes_a_folder_it_did_not_make_recursively():
    # Only PyInstaller's _internal folder goes recursively; the install folder itself only if empty.
    recursive = re.findall(r"^\s*RMDir /r (.*)$", SCRIPT.read_text(), re.MULTILINE)
    assert recursive == ['"${DIR}\\_internal"']


def test_the_install_is_per_user_and_listed_under_the_users_own_uninstall_key():
    text = SCRIPT.read_text()
    assert re.search(r"^RequestExecutionLevel user$", text, re.MULTILINE)
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\\$\{APP_NAME\}"$', text, re.MULTILINE)
    assert (
        script_define("UNINSTALL_KEY") == r"Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_NAME}"
    )
    written = set(
        re.findall(r'^\s*WriteReg(?:Str|DWORD) (\w+) "\$\{UNINSTALL_KEY\}" "(\w+)"', text, re.MULTILINE)
    )
    assert {root for root, _ in written} == {"HKCU"}
    assert {value for _, value in written} == {
        "DisplayName",
        "DisplayVersion",
        "Publisher",
        "DisplayIcon",
        "InstallLocation",
        "UninstallString",
        "QuietUninstallString",
        "EstimatedSize",
        "NoModify",
        "NoRepair",
    }
