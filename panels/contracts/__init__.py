"""Contracts with funded lead organisations, their versions and acceptance."""
