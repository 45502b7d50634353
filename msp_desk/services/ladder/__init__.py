"""The service ladder: the default ladder of a new shop, editing tiers and add-ons, dated list
prices, what the Ladder page shows, and where accounts grow."""
