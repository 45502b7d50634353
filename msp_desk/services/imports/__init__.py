"""Imports from files: all or nothing; a bad row is reported as ``row N, column X: reason``."""
