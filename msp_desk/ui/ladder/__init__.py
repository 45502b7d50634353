"""The Ladder page: rung and add-on cards, where upgrades come from, and the ladder's dialogs."""
