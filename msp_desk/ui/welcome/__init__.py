"""The first run: a welcome that opens a demo shop or makes the owner's own."""
