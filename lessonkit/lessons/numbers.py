"""Notebook 04 (lesson 5): its figures and printed tables."""
