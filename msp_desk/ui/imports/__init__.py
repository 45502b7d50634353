"""Import a file in the app: the import wizard (file, columns, preview, import) and its pieces."""
