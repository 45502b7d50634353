"""Account reviews: QBRs, the vCIO roadmap, check-in calls and the tasks they leave."""
