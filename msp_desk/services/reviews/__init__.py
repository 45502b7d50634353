"""Account reviews: QBRs (scheduled, prepared, recorded) and the vCIO roadmap."""
