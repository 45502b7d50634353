"""Account reviews: QBRs (scheduled, prepared, recorded), the vCIO roadmap, check-in calls and the tasks they leave."""
