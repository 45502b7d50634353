"""Exports to files for spreadsheets and other tools."""
