"""Domain: SQLModel tables, value types and validation rules of every MSP Desk entity.

May import: the standard library, SQLModel/SQLAlchemy (table definitions only),
``msp_desk.errors``, and Babel with ``msp_desk.formatting`` (``money`` reads amounts in the
shop's locale and words its refusals in it). Never Qt, the store, services or any other layer.
"""
