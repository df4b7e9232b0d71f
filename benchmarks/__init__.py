"""The benchmark: `make bench` (python -m benchmarks.run) and its seeded synthetic corpus."""
