"""Services: the use cases, one folder per feature (``shop``, ``clients``, ``accounts``,
``ladder``, ``referrals``, ``kpis``, ``imports``, ``exports``), plus what every write returns
(``changes``) and how it is undone (``undo``). The GUI, the CLI and the demo call these.

May import: domain, kpi, store (its queries and units of work), io, reports, errors, paths. Never
Qt or ui, and no SQLAlchemy or SQLModel (the queries live in ``store.queries``: an import-linter
contract). Every write is one call in one transaction (``Database.unit_of_work``) returning a
``Changes``.
"""
