"""The service ladder's queries: its items, their lines and dated prices, and the page's figures
(``items``); a client's next rung and the ladder's moves (``growth``)."""
