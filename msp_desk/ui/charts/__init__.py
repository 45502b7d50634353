"""pyqtgraph charts; import these modules lazily (pyqtgraph is slow to import)."""
