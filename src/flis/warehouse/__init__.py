"""The warehouse: canonical tables (the shared definitions) in DuckDB, bitemporal by delivery."""
