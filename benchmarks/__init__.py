"""Benchmarks of the public portal: synthetic data 100× the real programme, load and latency runs.

See docs/benchmarks.md for what is measured, how to reproduce it and the results.
"""
