"""Clients: create and edit a client's record, the roster, and one client in detail."""
