"""Synthetic data: the world the demo is made of, the demo database, and the scale generator."""
