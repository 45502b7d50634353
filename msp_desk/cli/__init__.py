"""CLI: argparse entry points that call the same services as the GUI.

May import: services, domain values, errors, paths, formatting. Never Qt or ui.
"""
