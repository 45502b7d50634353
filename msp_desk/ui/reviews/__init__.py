"""Account reviews: the Reviews page, the client's QBRs tab and the QBR record dialog."""
