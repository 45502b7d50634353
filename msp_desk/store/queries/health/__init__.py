"""The health check's reads and repairs (``msp-desk check``): what each column may hold
(``columns``), the stored values that break it (``values``), the ledger and bookkeeping rules
rows must keep (``ledger``), and the repairs that recompute without guessing (``mend``)."""
