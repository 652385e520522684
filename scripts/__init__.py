"""Build, check and PDF scripts of the methodological-guides site (importable by tests)."""
