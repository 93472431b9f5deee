"""Notebook 03 (lesson 4): its figures and printed tables."""
