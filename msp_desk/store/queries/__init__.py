"""The queries, one module per feature (the same names as ``services``): plain functions that take
a connection or session and return rows, never SQL text above ``store``."""
