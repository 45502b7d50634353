"""The Qt desktop interface: the app and main window, the page context and targeted refresh,
the background task runner, the theme, shared parts (``common``) and one folder per page
(``dashboard``, ``clients``, ``ladder``, ``referrals``, ``settings``) with its panels, dialogs,
models and charts.

The only layer that imports PySide6 or pyqtgraph. It calls ``msp_desk.services`` for every read
and write and sees the database only as a handle (``store.database``: an import-linter
contract); it never opens a session or writes SQL. pyqtgraph is imported lazily so the window
paints before the chart library loads.
"""
