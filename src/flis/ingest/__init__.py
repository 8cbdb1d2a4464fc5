"""Ingest: register every delivery, keep it as received, validate it, load it all-or-nothing."""
