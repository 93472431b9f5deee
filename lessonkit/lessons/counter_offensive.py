"""Notebook 02 (lesson 3): its figures and printed tables."""
