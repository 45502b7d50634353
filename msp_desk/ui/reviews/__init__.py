"""Account reviews: the Reviews page, the client's QBRs and Calls tabs, the QBR record and check-in dialogs."""
