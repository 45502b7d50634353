"""The Reports page: choose a report and its subject, preview it, save and print it; QBR packets in a batch."""
