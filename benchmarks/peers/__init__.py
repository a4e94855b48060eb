"""The peers, side by side: each framework's best-known template against ours, in one run
(`python -m benchmarks.peers`; __main__.py says how)."""
