"""The Dashboard: KPI tiles against benchmarks and the MRR chart."""
