"""The Qt desktop interface: main window, pages, table models, pyqtgraph charts, formatting.

The only layer that imports PySide6 or pyqtgraph. It may import ``msp_desk.services`` (every read
and write goes through them), domain value types, ``msp_desk.errors`` and ``msp_desk.paths``;
it never opens a session or writes SQL. pyqtgraph is imported lazily (see ``charts``) so the
window paints before the chart library loads.
"""
