"""Domain: SQLModel tables, value types and validation rules of every MSP Desk entity.

May import: the standard library, SQLModel/SQLAlchemy (table definitions only) and
``msp_desk.errors``. Never Qt, the store, services or any other layer.
"""
