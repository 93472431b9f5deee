"""Broken data gives a clear error that names the file and the problem."""

import csv
import json
import re

import pytest

from lessonkit import data
from lessonkit.data import DataFileError


def rewrite(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("name", sorted(set(data.SCHEMAS) | set(data.LAYERS)))
def test_missing_file(scratch_data, name):
    (scratch_data / name).unlink()
    with pytest.raises(DataFileError, match=rf"data/{name} is missing.*git checkout"):
        data.load_all()


@pytest.mark.parametrize("name", sorted(data.SCHEMAS))
def test_truncated_csv(scratch_data, name):
    path = scratch_data / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n") + 1], encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"data/{name} has a header but no rows"):
        data.read_table(name)


@pytest.mark.parametrize("name", sorted(data.SCHEMAS))
def test_renamed_column(scratch_data, name):
    first = data.SCHEMAS[name][0].name
    rewrite(scratch_data / name, first, first + "_renamed")
    with pytest.raises(DataFileError, match=rf"data/{name}: the header has no column {first}"):
        data.read_table(name)


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def set_first_row(path, column, value):
    """Overwrite one cell in the first data row of a CSV file."""
    rows = read_rows(path)
    rows[0][column] = value
    write_rows(path, rows)


def columns(kind):
    return [(name, col.name) for name, schema in sorted(data.SCHEMAS.items())
            for col in schema if col.kind == kind]


# (file, column, a bad value, what the error must say about it)
BAD_CELLS = (
    [(name, col, "99.5", "is 99.5, outside the expected range")
     for name, col in columns("number") if col in ("lat", "lon")]
    + [(name, col, "north", "should be a number but is 'north'")
       for name, col in columns("number")]
    + [(name, col, "2022-13-10", "is '2022-13-10', not a date in the form YYYY-MM-DD")
       for name, col in columns("date")]
)


@pytest.mark.parametrize(("name", "column", "value", "message"), BAD_CELLS,
                         ids=[f"{n}-{c}-{v}" for n, c, v, _ in BAD_CELLS])
def test_bad_value_is_named_with_file_line_and_column(scratch_data, name, column, value,
                                                      message):
    set_first_row(scratch_data / name, column, value)
    with pytest.raises(DataFileError, match=re.escape(f"data/{name}, line 2: column "
                                                      f"'{column}' {message}")):
        data.read_table(name)


def test_truncated_geojson(scratch_data):
    path = scratch_data / "oblasts.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(DataFileError, match="oblasts.geojson is not a readable GeoJSON"):
        data.read_layer("oblasts.geojson")


@pytest.mark.parametrize("name", sorted(data.LAYERS))
def test_invalid_geometry(scratch_data, name):
    path = scratch_data / name
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [
        [[30, 46], [31, 47], [31, 46], [30, 47], [30, 46]]]}       # a bow tie
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"data/{name}, feature 0 .*not valid"):
        data.read_layer(name)


def test_outline_that_crosses_itself(scratch_data):
    path = scratch_data / "control_areas.csv"
    rows = read_rows(path)
    for col in ("lat", "lon"):                  # swap vertices 2 and 3 of the first date
        rows[1][col], rows[2][col] = rows[2][col], rows[1][col]
    write_rows(path, rows)
    with pytest.raises(DataFileError, match="control_areas.csv: the outline for 2022-09-05 "
                                            "crosses itself"):
        data.control_area("2022-09-05")


def test_geometry_out_of_range(scratch_data):
    path = scratch_data / "rivers.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["geometry"] = {"type": "LineString", "coordinates": [[30, 46], [130, 46]]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataFileError, match="rivers.geojson, feature 0 .*outside the expected"):
        data.read_layer("rivers.geojson")


def test_unknown_place_suggests_a_spelling():
    with pytest.raises(KeyError, match="Did you mean 'Izium'"):
        data.place("Izyum")


def test_data_found_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert data.place("Kupiansk").oblast == "Kharkiv"
