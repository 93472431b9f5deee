"""Notebook 01 (lesson 2): its figures and printed tables."""
