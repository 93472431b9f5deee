"""The shipped data: readable, valid, in the right place, and described."""

import json
import re

import nbformat
import pytest
import shapely
from shapely.geometry import Point, shape

from lessonkit import data
from lessonkit.measure import area_km2

ISO_CODES = {  # ISO 3166-2:UA, the 24 oblasts, Crimea, and the two cities with special status
    "UA-05": "Vinnytsia", "UA-07": "Volyn", "UA-09": "Luhansk", "UA-12": "Dnipropetrovsk",
    "UA-14": "Donetsk", "UA-18": "Zhytomyr", "UA-21": "Zakarpattia", "UA-23": "Zaporizhzhia",
    "UA-26": "Ivano-Frankivsk", "UA-30": "Kyiv City", "UA-32": "Kyiv", "UA-35": "Kirovohrad",
    "UA-40": "Sevastopol", "UA-43": "Crimea", "UA-46": "Lviv", "UA-48": "Mykolaiv",
    "UA-51": "Odesa", "UA-53": "Poltava", "UA-56": "Rivne", "UA-59": "Sumy",
    "UA-61": "Ternopil", "UA-63": "Kharkiv", "UA-65": "Kherson", "UA-68": "Khmelnytskyi",
    "UA-71": "Cherkasy", "UA-74": "Chernihiv", "UA-77": "Chernivtsi",
}


def test_every_file_loads():
    data.load_all()


@pytest.mark.parametrize("name", sorted(data.LAYERS))
def test_layers_read_a_layer_at_a_time_are_what_shapely_reads(name):
    """lessonkit.geojson builds a whole layer at once: the same geometries as shape()."""
    raw = json.loads((data.DATA_DIR / name).read_text(encoding="utf-8"))["features"]
    read = [f.geometry for f in data.read_layer(name)]
    assert [shapely.to_wkb(g) for g in read] == \
        [shapely.to_wkb(shape(f["geometry"])) for f in raw]


@pytest.mark.parametrize("lon, lat, where", [(34.10, 45.00, "Simferopol"),
                                             (33.52, 44.60, "Sevastopol")])
@pytest.mark.parametrize("coarse", [False, True])
def test_crimea_is_drawn_as_part_of_ukraine(lon, lat, where, coarse):
    point = Point(lon, lat)
    assert data.country("UKR", coarse=coarse).contains(point), where
    assert not data.country("RUS", coarse=coarse).contains(point), where


def test_oblasts_have_modern_names_and_iso_codes():
    units = {f.props["iso_3166_2"]: f.props["name"] for f in data.read_layer("oblasts.geojson")}
    assert units == ISO_CODES


def test_oblasts_cover_ukraine():
    ukraine = data.country("UKR")
    union = data.read_layer("oblasts.geojson")
    total = sum(area_km2(f.geometry) for f in union)
    assert total == pytest.approx(area_km2(ukraine), rel=0.005)


def test_named_rivers_pass_through_their_towns():
    assert data.river("Oskil").distance(data.place("Kupiansk").point) < 0.02
    assert data.river("Siverskyi Donets").distance(data.place("Izium").point) < 0.03
    assert data.river("Siverskyi Donets").distance(data.place("Kupiansk").point) > 0.3


def test_every_place_lies_inside_its_oblast_or_country():
    for p in data.places().values():
        if p.country == "UKR":
            assert data.oblast(p.oblast).buffer(0.01).contains(p.point), p.label
        else:
            assert data.country(p.country, coarse=True).buffer(0.05).contains(p.point), p.label


def test_every_data_file_is_described_in_the_readme():
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for path in data.DATA_DIR.iterdir():
        if path.is_file() and path.name != "README.md":
            assert f"`{path.name}`" in readme, f"{path.name} is not described in data/README.md"


def test_the_loader_knows_every_place_the_notebooks_name():
    """data.NEEDED_PLACES lists every place label written in a notebook, helper or answer."""
    pack = data.DATA_DIR.parent
    code = [c.source for path in sorted(pack.glob("notebooks/*.ipynb"))
            for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    # checks.py names places only as words to compare (its table of other spellings)
    code += [p.read_text(encoding="utf-8") for p in sorted(pack.glob("lessonkit/**/*.py"))
             if p.name != "checks.py"]
    code += [p.read_text(encoding="utf-8") for p in sorted(pack.glob("answers/*.md"))]
    named = {m for text in code for m in re.findall(r"""["']([^"'\n]+)["']""", text)}
    missing = sorted(named & set(data.places()) - set(data.NEEDED_PLACES))
    assert not missing, f"add {missing} to NEEDED_PLACES in lessonkit/data.py"


def test_events_are_in_date_order():
    """events.csv lists events by date, so a reader of the file (and any helper that keeps its
    order) sees them as they happened."""
    dates = [row["date"] for row in data.read_table("events.csv")]
    assert dates == sorted(dates), "sort data/events.csv by its date column"


def test_readme_counts_the_events_and_claims():
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    events, claims = len(data.read_table("events.csv")), len(data.read_table("claims.csv"))
    assert f"{events} dated events" in readme, f"data/README.md should say {events} dated events"
    assert f"{claims} numbers people stated" in readme, f"data/README.md should say {claims} claims"
