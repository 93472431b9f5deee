"""Notebook 00 (lesson 1): its figures and printed tables."""
