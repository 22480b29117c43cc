"""Measuring scripts: run by hand (python -m bench.NAME), never in CI."""
