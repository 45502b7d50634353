"""The KPIs from the database: the facts the engine reads, month snapshots (stored between runs),
MRR series, and what the dashboard shows."""
