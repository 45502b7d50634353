"""Account reviews: QBRs, the roadmap, check-in calls."""
