"""Small reusable widgets and helpers shared by the pages (filter bar, column chooser)."""
