"""KPI engine: pure functions over plain frozen dataclasses (``kpi.inputs``).

May import: the standard library and ``msp_desk.domain.values`` only. Never the database, Qt,
or any other layer: services fetch the facts, this package computes. Money is integer cents;
rates are floats computed at the end (never rounded inside a formula); a value that cannot be
computed is ``None``, never 0.
"""
