"""Tickets (requests for a VA agency) entered and edited in the app."""
