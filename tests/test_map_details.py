"""Map details a projector shows up: level scale bars, labels kept inside their frame and
off the lines, text readable at the size the notebook displays it, shapes moved at true size;
and the pack's shortcuts past cartopy and PROJ give the numbers they would."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from cartopy.mpl.path import shapely_to_path
from pyproj import Transformer

from lessonkit import data, decorations, look, maps
from lessonkit.accessibility import figure_problems
from lessonkit.lessons import counter_offensive, geography
from lessonkit.measure import (
    WGS84,
    area_km2,
    distance_km,
    from_lonlat,
    geodesic,
    moved_over,
    square_of,
)


@pytest.fixture
def east():
    ax = maps.east_map("Test map")
    yield ax
    plt.close(ax.figure)


@pytest.mark.parametrize("name", maps.VIEWS)
def test_view_limits_are_cartopys(name):
    """Each view's written-down limits are what cartopy's set_extent makes of its extent."""
    view = maps.VIEWS[name]
    ax = plt.figure().add_subplot(projection=view.projection)
    ax.set_extent(view.extent, crs=maps.LONLAT)
    plt.close(ax.figure)
    worked_out = (*ax.get_xlim(), *ax.get_ylim())
    assert worked_out == view.limits, (
        f"cartopy now puts the {name!r} view's extent at limits={tuple(map(float, worked_out))}: "
        "write those into VIEWS in lessonkit/maps.py, re-run the notebooks and the image tests")


PROJECTIONS = ["+proj=laea +lon_0=36.2 +lat_0=49.9 +ellps=WGS84 +units=m",   # as moved_over
               *(view.projection.proj4_init for view in maps.VIEWS.values()),
               geography.PROJECTIONS["Albers equal-area"].proj4_init]


@pytest.mark.parametrize("projection", PROJECTIONS)
def test_written_out_pipeline_is_projs(projection):
    """measure.from_lonlat gives exactly what PROJ's own search (Transformer.from_crs) gives."""
    lon, lat = np.meshgrid(np.linspace(20, 45, 60), np.linspace(40, 56, 60))
    searched = Transformer.from_crs("EPSG:4326", projection, always_xy=True)
    written = from_lonlat(projection)
    xy = searched.transform(lon, lat)
    assert np.array_equal(written.transform(lon, lat), xy)
    assert np.array_equal(written.transform(*xy, direction="INVERSE"),
                          searched.transform(*xy, direction="INVERSE"))


@pytest.mark.parametrize("name", maps.VIEWS)
def test_layers_are_cartopys_paths(name):
    """The base layers' paths, built a layer at a time, are the paths cartopy would build
    feature by feature (so the maps draw the same pixels)."""
    view = maps.VIEWS[name]
    for layer in ["europe.geojson"] if view.coarse else \
            ["countries.geojson", "oblasts.geojson", "lakes.geojson", "rivers.geojson"]:
        for feature, path in maps._layer(layer, view, view.projection, data.DATA_DIR):
            geom = maps.project(maps._clip(feature.geometry, view), view.projection)
            cartopys = shapely_to_path(geom)
            assert np.array_equal(path.vertices, cartopys.vertices), (layer, feature.props)
            assert (path.codes is None and cartopys.codes is None) or \
                np.array_equal(path.codes, cartopys.codes), (layer, feature.props)


def test_lines_follow_the_shortest_way():
    """A line on a map runs along the geodesic, in steps of at most 2 km, end to end."""
    lons, lats = geodesic([(-0.13, 51.51), "Kharkiv", "Izium"])
    kharkiv, izium = data.place("Kharkiv"), data.place("Izium")
    assert (lons[0], lats[0], lons[-1], lats[-1]) == (-0.13, 51.51, izium.lon, izium.lat)
    steps_km = WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])[2] / 1000
    assert steps_km.max() <= 2.0 + 1e-9
    way_km = distance_km((-0.13, 51.51), "Kharkiv") + distance_km("Kharkiv", "Izium")
    assert steps_km.sum() == pytest.approx(way_km, rel=1e-9)
    assert (kharkiv.lon, kharkiv.lat) in zip(lons, lats)


def test_scale_bar_is_level_and_true(east):
    decorations.add_scale_bar(east, 50)
    (x0, x1), (y0, y1) = east.lines[-1].get_xdata(), east.lines[-1].get_ydata()
    assert y0 == y1
    ends = [maps.LONLAT.transform_point(x, y0, east.projection) for x in (x0, x1)]
    assert distance_km(*ends) == pytest.approx(50, abs=0.05)


def test_river_labels_stay_inside_small_maps():
    fig, axes = plt.subplots(2, 2, figsize=(11.5, 10.8),
                             subplot_kw={"projection": maps.VIEWS["east"].projection})
    for ax, day in zip(axes.flat, data.control_snapshots()):
        counter_offensive.situation_map(day, ax=ax, title=f"{day}", key=False)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in axes.flat:
        frame = ax.get_window_extent(renderer).padded(1)
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            assert text.get_clip_on() or (frame.contains(box.x0, box.y0) and
                                          frame.contains(box.x1, box.y1)), text.get_text()
    plt.close(fig)


def test_names_placed_inside_the_map_stay_out_of_layout(east):
    """Such a name cannot move the figure's layout or edges, so they need not measure it."""
    names = ["Kharkiv", "Izium", "Kupiansk"]
    decorations.add_places(east, names)
    east.figure.canvas.draw()
    frame = east.get_window_extent(east.figure.canvas.get_renderer())
    placed = [t for t in east.texts if t.get_text() in names]
    assert len(placed) == len(names)
    for text in placed:
        box = text.get_window_extent()
        assert not text.get_in_layout(), text.get_text()
        assert frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1), text.get_text()


def test_no_name_on_map_1_is_under_its_key(monkeypatch):
    """Map 1 is where a class counts Ukraine's neighbours: every name must be readable."""
    monkeypatch.setattr(plt, "show", lambda: None)
    geography.neighbours_map()
    ax = plt.gcf().axes[0]
    ax.figure.canvas.draw()
    key = ax.get_legend().get_window_extent()
    hidden = [t.get_text() for t in ax.texts if t.get_window_extent().overlaps(key)]
    plt.close(ax.figure)
    assert not hidden, f"under the key: {hidden}"


def test_labels_keep_off_lines(east):
    for a, b in [("Kharkiv", "Izium"), ("Kharkiv", "Kupiansk"), ("Kupiansk", "Izium")]:
        maps.add_line(east, [a, b], colour="orange", style="--")
    decorations.add_places(east, ["Kharkiv", "Chuhuiv", "Balakliia", "Shevchenkove"])
    east.figure.canvas.draw()
    renderer = east.figure.canvas.get_renderer()
    paths = [line.get_transform().transform_path(line.get_path()) for line in east.lines
             if len(line.get_xdata()) > 1]
    for text in east.texts:
        if text.get_text() in ("Kharkiv", "Chuhuiv", "Balakliia", "Shevchenkove"):
            crossed = any(p.intersects_bbox(text.get_window_extent(renderer), filled=False)
                          for p in paths)
            assert not crossed or text.get_bbox_patch() is not None, text.get_text()


def test_wide_figures_need_larger_text():
    fig, ax = plt.subplots(figsize=(15, 4))
    ax.set_title("A wide chart")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.5, 0.5, "small print", fontsize=10)
    look.figure_credits(fig, "Data: somewhere")
    fig.canvas.draw()
    problems = " ".join(figure_problems(fig))
    plt.close(fig)
    assert "'small print' is 10 pt but looks" in problems
    assert "Data: somewhere" not in problems          # figure_credits sizes itself


def test_moved_shape_keeps_its_area():
    snaps = data.control_snapshots()
    retaken = data.control_area(snaps[0]).difference(data.control_area(snaps[2]))
    moved = moved_over(retaken, "London")
    assert area_km2(moved) == pytest.approx(area_km2(retaken), rel=1e-4)
    assert distance_km((moved.centroid.x, moved.centroid.y), "London") < 20
    assert area_km2(square_of(3000, (-3.5, 52.3))) == pytest.approx(3000, rel=1e-4)
