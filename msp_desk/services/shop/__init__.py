"""The shop itself: its settings, which file to open, and keeping that file safe (backup, check)."""
