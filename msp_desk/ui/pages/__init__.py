"""One widget per screen of the main window (Dashboard, Clients), each with ``refresh()``."""
