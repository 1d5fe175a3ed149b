"""Benchmarks: `make bench` runs every module listed in __main__.BENCHES and prints one JSON object per line."""
