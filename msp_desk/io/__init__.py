"""IO: parse CSV and XLSX files, write CSV. Rows in, records or errors out; never touches the database.

May import: ``msp_desk.domain`` (values and enums) and ``msp_desk.errors``. Never Qt or store.
"""
