"""Benchmarks: speed and memory measured on real parts, never in timed unit tests."""
