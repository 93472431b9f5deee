"""Notebook 02's day slider (lesson 3, Extension): fast redraws that look exactly like full
ones, and a stored output a student can read without a running kernel."""

import io

import numpy as np
from PIL import Image

from lessonkit.lessons import counter_offensive as lesson


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_a_quick_redraw_matches_a_full_drawing_of_the_same_day():
    days = lesson.SLIDER_DAYS
    quick = lesson._DayMaps(days[0])
    pictures = [(days[0], quick.png())] + \
        [(day, quick.png(day)) for day in (days[7], days[30], days[0])]
    for day, picture in pictures:
        full = io.BytesIO()
        lesson._DayMaps(day).figure.savefig(full, format="png")      # the whole figure, drawn
        assert np.array_equal(_pixels(picture), _pixels(full.getvalue())), \
            f"the map for {day} differs"


def test_the_map_fits_a_projector_screen_under_the_slider():
    width, height = Image.open(io.BytesIO(lesson._DayMaps(lesson.SLIDER_DAYS[0]).png())).size
    assert height <= 540 and width <= 1100, (width, height)   # 1280 × 720, with JupyterLab


def test_stored_output_is_the_first_map_and_a_sentence_not_widget_code():
    shown = lesson.situation_slider()
    bundle = shown._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "image/png",
                           "text/plain"}
    assert "05 September 2022" in bundle["text/plain"]
    assert "interactive" not in bundle["text/plain"] and "children" not in bundle["text/plain"]
    slider, image = shown.widget.children
    first = image.value
    slider.value = lesson.SLIDER_DAYS[10]                 # what the browser's slider does
    assert image.value != first and image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_slider_uses_no_output_widget():
    """nbclient and papermill answer an Output widget's captured output with a message back
    to the kernel while the cell is still running; with ipykernel 7 that race sometimes
    left a headless run of notebook 02 waiting for ever (issue 13).  The slider shows its
    map in an Image widget, so a headless run sends the kernel nothing."""
    import ipywidgets

    def tree(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from tree(child)

    assert not [w for w in tree(lesson.situation_slider().widget)
                if isinstance(w, ipywidgets.Output)]
