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
    with pytest.raises(DataFileError, match=rf"data/{name} is missing.*download the pack again"):
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


@pytest.mark.parametrize("geometry", [
    {"type": "Polygon", "coordinates": [[[30, 46], [31, 47]]]},              # ring too short
    {"type": "MultiPolygon", "coordinates": [[[30, 46], [31, 47]]]},          # a level short
    {"type": "Polygon"},                                                       # no coordinates
    None])
def test_unreadable_geometry_is_named(scratch_data, geometry):
    path = scratch_data / "lakes.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][3]["geometry"] = geometry
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"data/lakes.geojson, feature 3 .*the geometry "
                                            r"cannot be read .*download the pack again"):
        data.read_layer("lakes.geojson")


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


# --- Files a teacher edits in a spreadsheet -------------------------------------------------

@pytest.mark.parametrize("name", sorted(data.SCHEMAS))
def test_excel_csv_utf8_with_bom_and_crlf_loads(scratch_data, name):
    expected = data.read_table(name)
    data.read_table.cache_clear()
    path = scratch_data / name
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert data.read_table(name) == expected


def save_as_latin1(path):
    """What Excel's plain "CSV" does: a one-byte "é" (and "?" for letters it cannot store)."""
    text = path.read_text(encoding="utf-8")
    at = text.index("\n") + 1 if path.suffix == ".csv" else text.index('"') + 1
    path.write_bytes((text[:at] + "é" + text[at:]).encode("latin-1", errors="replace"))


@pytest.mark.parametrize("name", sorted(set(data.SCHEMAS) | set(data.LAYERS)))
def test_file_not_saved_as_utf8(scratch_data, name):
    save_as_latin1(scratch_data / name)
    line = 2 if name.endswith(".csv") else 1
    advice = "CSV UTF-8" if name.endswith(".csv") else "download the pack again"
    with pytest.raises(DataFileError, match=rf"data/{name}, line {line}: the file is not in "
                                            rf"the UTF-8 encoding.*{advice}"):
        data.load_all()


# --- The data as a whole: ids, cross-references, needed places, layer properties -----------

def duplicate_first_row(path):
    rows = read_rows(path)
    write_rows(path, rows + [rows[0]])


def duplicate_first_feature(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"].append(doc["features"][0])
    path.write_text(json.dumps(doc), encoding="utf-8")


def edit_feature(path, change):
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc["features"][0])
    path.write_text(json.dumps(doc), encoding="utf-8")


def first_vertex_to_latitude_999(feature):
    coords = feature["geometry"]["coordinates"]
    while isinstance(coords[0][0], list):      # down to the first ring or line
        coords = coords[0]
    coords[1][1] = 999


def cut_places_after(rows):
    def cut(folder):
        write_rows(folder / "places.csv", read_rows(folder / "places.csv")[:rows])
    return cut


def cites(name, column, value):
    return lambda folder: set_first_row(folder / name, column, value)


SOURCE_COLUMNS = [(name, col.name) for name, schema in sorted(data.SCHEMAS.items())
                  for col in schema if col.kind == "sources"]
KEYED_LAYERS = sorted(name for name, layer in data.LAYERS.items() if layer.key)
PROPERTIES = [(name, prop) for name, layer in sorted(data.LAYERS.items()) for prop in layer.props]

# (case, how to break the scratch data/, what the error must say)
BREAKS = (
    [(f"{name}-duplicated-row", lambda d, n=name: duplicate_first_row(d / n),
      rf"data/{name}: lines 2 and \d+ both have {data.KEYS[name][0]} .*delete the copy")
     for name in sorted(data.SCHEMAS)]
    + [(f"{name}-duplicated-feature", lambda d, n=name: duplicate_first_feature(d / n),
        rf"data/{name}: features 0 and \d+ both have {data.LAYERS[name].key} .*delete the copy")
       for name in KEYED_LAYERS]
    + [("events.csv-unknown-place", cites("events.csv", "place", "Hrakove"),
        r"data/events.csv, line 2: 'Hrakove' .*is not in data/places.csv.*add a row")]
    + [(f"{name}-unknown-source", cites(name, column, "bbc-no-such-report"),
        r"line 2: 'bbc-no-such-report' is not in data/sources.csv.*add a row")
       for name, column in SOURCE_COLUMNS]
    + [(f"places.csv-cut-after-row-{rows}", cut_places_after(rows),
        r"data/places.csv has no row for .*'London'.*which the notebooks use.*download the pack")
       for rows in (5, 20, 47)]
    + [(f"{name}-properties-null",
        lambda d, n=name: edit_feature(d / n, lambda f: f.update(properties=None)),
        rf"data/{name}, feature 0: its \"properties\" are null.*download the pack again")
       for name in sorted(data.LAYERS)]
    + [(f"{name}-no-{prop}",
        lambda d, n=name, p=prop: edit_feature(d / n, lambda f: f["properties"].pop(p)),
        rf"data/{name}, feature 0 .*: it has no property {prop} .*download the pack again")
       for name, prop in PROPERTIES]
    + [(f"{name}-latitude-999", lambda d, n=name: edit_feature(d / n, first_vertex_to_latitude_999),
        rf"data/{name}, feature 0 .*: coordinates reach .*999.00\), outside the expected")
       for name in sorted(data.LAYERS)]
)


@pytest.mark.parametrize(("case", "damage", "message"), BREAKS, ids=[c for c, _, _ in BREAKS])
def test_broken_data_as_a_whole(scratch_data, case, damage, message):
    damage(scratch_data)
    with pytest.raises(DataFileError, match=message):
        data.load_all()


def test_an_event_and_place_a_teacher_adds_appear_in_notebook_02(scratch_data, monkeypatch):
    """The recipe in data/README.md ("Adding an event, a place or a claim"), followed."""
    from notebook_runner import NOTEBOOKS, run

    places = read_rows(scratch_data / "places.csv")
    places.append(dict(places[0], label="Hrakove", name_local="Граків", kind="village",
                       oblast="Kharkiv", lat="49.5610", lon="36.6580", geonameid="1"))
    write_rows(scratch_data / "places.csv", places)
    events = read_rows(scratch_data / "events.csv")
    events.append(dict(events[0], event_id="hrakove-retaken-test", date="2022-09-09",
                       date_latest="", place="Hrakove", category="retaken",
                       what="A test row added the way data/README.md says.", status="claimed"))
    write_rows(scratch_data / "events.csv", events)
    data.load_all()                                           # the edit passes every check
    monkeypatch.setenv("LESSONKIT_DATA", str(scratch_data))   # the notebook's kernel reads it
    notebook = next(p for p in NOTEBOOKS if p.stem == "02_counter_offensive")
    printed = [o.get("text", "") for c in run(notebook, scratch_data, audit=False).notebook.cells
               if c.cell_type == "code" for o in c.outputs]
    hrakove = [line for text in printed for line in text.splitlines()
               if line.startswith("Hrakove ")]                  # the table of towns retaken
    assert len(hrakove) == 1 and "9 Sep" in hrakove[0] and hrakove[0].rstrip()[-1].isdigit()
