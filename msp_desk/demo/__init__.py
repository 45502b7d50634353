"""The demo shops: a managed-IT shop and a VA agency, built by calling the services like a user
would (not a use case itself). ``shops.open_demo`` opens a current demo file without importing
the builder; the builder runs only when the file is missing or out of date."""
