"""Expected values that come from the data files, shared by the lessons' exercises."""

from __future__ import annotations

import datetime as dt

from .. import data


def round_to(value: float, step: float) -> float:
    return round(value / step) * step


def retaken(place: str) -> dt.date:
    """The date data/events.csv gives for a place being retaken."""
    for row in data.read_table("events.csv"):
        if row["category"] == "retaken" and row["place"] == place:
            return row["date"]
    raise KeyError(f"data/events.csv has no 'retaken' event for {place}")


def reference_km2(name: str) -> float:
    """An area from data/reference_areas.csv."""
    for row in data.read_table("reference_areas.csv"):
        if row["name"] == name:
            return row["area_km2"]
    raise KeyError(f"data/reference_areas.csv has no row for {name}")
