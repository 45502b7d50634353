"""The Clients page: the roster, one client's detail beside it (profile, contacts, history, notes,
growth), the account actions and the client dialogs."""
