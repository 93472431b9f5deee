"""Broken data gives a clear error that names the file and the problem."""

import json

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


def test_coordinate_out_of_range(scratch_data):
    rewrite(scratch_data / "places.csv", "49.9818", "99.9818")
    with pytest.raises(DataFileError, match=r"places.csv, line \d+: column 'lat' is 99.9818, "
                                            "outside the expected range"):
        data.places()


def test_text_where_number_expected(scratch_data):
    rewrite(scratch_data / "places.csv", "49.9818", "north")
    with pytest.raises(DataFileError, match="column 'lat' should be a number but is 'north'"):
        data.places()


def test_date_that_does_not_parse(scratch_data):
    rewrite(scratch_data / "events.csv", "2022-09-", "2022-13-")
    with pytest.raises(DataFileError, match=r"events.csv, line \d+: column 'date\w*' is "
                                            r"'2022-13-\d\d', not a date in the form YYYY-MM-DD"):
        data.read_table("events.csv")


def test_truncated_geojson(scratch_data):
    path = scratch_data / "oblasts.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(DataFileError, match="oblasts.geojson is not a readable GeoJSON"):
        data.read_layer("oblasts.geojson")


def test_invalid_geometry(scratch_data):
    path = scratch_data / "lakes.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [
        [[30, 46], [31, 47], [31, 46], [30, 47], [30, 46]]]}       # a bow tie
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lakes.geojson, feature 0 .*not valid"):
        data.read_layer("lakes.geojson")


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
