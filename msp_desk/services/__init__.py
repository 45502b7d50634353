"""Services: the use cases. The GUI and the CLI call these and nothing below them.

May import: domain, kpi, store, io, reports, errors, paths. Never Qt or ui. Every write is one
call in one transaction (``Database.unit_of_work``) returning a ``Changes``.
"""
