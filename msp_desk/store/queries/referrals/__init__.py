"""The referral feature's queries, a module per service module (``pipeline``, ``asks``,
``partners``, ``scripts``, ``rewards``, ``kpis``) plus the open tasks they close (``tasks``)."""
