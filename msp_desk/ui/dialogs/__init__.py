"""Dialogs: each collects one edit, validates it beside its fields and applies it through ``Edits``."""
