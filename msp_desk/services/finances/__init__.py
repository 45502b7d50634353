"""Marketing spend and one-off revenue: what CAC, recurring share and gross margin read besides the ledger."""
