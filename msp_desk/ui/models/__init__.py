"""Qt item models over service rows (QAbstractTableModel + sort/filter proxies)."""
