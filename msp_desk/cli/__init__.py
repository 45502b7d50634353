"""CLI: argparse entry points that call the same services as the GUI (the demo shops through
``msp_desk.demo``).

May import: services, demo, domain values, errors, paths, formatting; of the store, the database
handle only. Never Qt or ui.
"""
