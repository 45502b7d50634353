"""The Settings page: the shop, KPI policies, benchmark targets, review thresholds."""
