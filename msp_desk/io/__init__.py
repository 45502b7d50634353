"""IO: parse and write CSV files. Rows in, records or errors out; never touches the database.

May import: ``msp_desk.domain`` (values and enums) and ``msp_desk.errors``. Never Qt or store.
"""
