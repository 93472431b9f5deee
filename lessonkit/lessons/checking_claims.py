"""Notebook 05 (lesson 6): its figures and printed tables."""
