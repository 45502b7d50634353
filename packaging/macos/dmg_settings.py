"""dmgbuild settings for MSP Desk's macOS disk image: the app beside an Applications link.

dmgbuild runs this file with ``exec`` in a namespace holding its defaults and ``defines`` (the
``-D name=value`` pairs) and reads back the names assigned here. Paths are relative to the working
directory: build-dmg.sh runs dmgbuild from the top of the checkout.

    dmgbuild -s packaging/macos/dmg_settings.py -D app="dist/MSP Desk.app" -D version=0.1.0 \\
        "MSP Desk" dist/MSP-Desk-0.1.0.dmg

defines: ``app`` (default ``dist/MSP Desk.app``), ``version`` (default: the installed msp-desk
package's), ``icon`` (the volume's icon, default packaging/macos/msp-desk.icns).
"""

import os.path
from importlib import metadata

# Given by dmgbuild; read through globals() so the file also runs (and lints) on its own.
defines: dict[str, str] = globals().get("defines", {})


def _version() -> str | None:
    if defines.get("version"):
        return defines["version"]
    try:
        return metadata.version("msp-desk")
    except metadata.PackageNotFoundError:
        return None


_app_path = defines.get("app", "dist/MSP Desk.app")
_app_name = os.path.basename(_app_path.rstrip("/"))
_version_text = _version()

volume_name = f"MSP Desk {_version_text}" if _version_text else "MSP Desk"
format = defines.get("format", "UDZO")  # zlib-compressed, read-only: opens on every macOS
size = None  # dmgbuild measures the app
files = [_app_path]
symlinks = {"Applications": "/Applications"}
hide_extensions = [_app_name]  # Finder shows "MSP Desk", as in /Applications
icon = defines.get("icon", "packaging/macos/msp-desk.icns")

# One row: the app on the left, the Applications folder on the right, to drag it onto.
window_rect = ((200, 160), (560, 300))
default_view = "icon-view"
show_status_bar = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
arrange_by = None
icon_size = 128
text_size = 13
background = "#f4f6f8"
icon_locations = {
    _app_name: (140, 130),
    "Applications": (420, 130),
}
