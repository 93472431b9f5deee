"""Every fact in data/ traces to a source a historian would accept (issue 11).

The rules: every source id used in data/ exists; every row of sources.csv names its
publisher, title, date, an http(s) URL and a kind from lessonkit.data.SOURCE_KINDS; every
fact row (event, claim, reference area, control-outline vertex, supply-route stop) cites at
least one source of a strong kind; no URL is on tests/disallowed_domains.txt; no source row
is unused or repeats another's URL.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from lessonkit import data

DISALLOWED = Path(__file__).with_name("disallowed_domains.txt")
FACT_TABLES = ["events.csv", "claims.csv", "reference_areas.csv", "control_areas.csv",
               "supply_routes.csv"]


def _sources() -> dict[str, dict]:
    return {row["source_id"]: row for row in data.read_table("sources.csv")}


def _fact_rows():
    for name in FACT_TABLES:
        for i, row in enumerate(data.read_table(name), start=2):
            yield f"{name} line {i}", row["sources"].split(";")


def _used_ids() -> set[str]:
    used = {sid for _, ids in _fact_rows() for sid in ids}
    used |= {row["source"].split()[0] for row in data.read_table("places.csv")}
    return used


def _disallowed() -> list[str]:
    lines = DISALLOWED.read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def test_every_cited_source_exists():
    missing = _used_ids() - set(_sources())
    assert not missing, f"ids cited in data/ but missing from sources.csv: {sorted(missing)}"


def test_no_unused_or_duplicate_sources():
    rows = data.read_table("sources.csv")
    unused = {row["source_id"] for row in rows} - _used_ids()
    assert not unused, f"sources.csv rows that nothing cites: {sorted(unused)}"
    ids = Counter(row["source_id"] for row in rows)
    urls = Counter(row["url"] for row in rows)
    repeated = [key for key, n in (ids + urls).items() if n > 1]
    assert not repeated, f"sources.csv repeats these ids or URLs: {repeated}"


@pytest.mark.parametrize("source_id", sorted(_sources()))
def test_source_row_is_complete(source_id):
    row = _sources()[source_id]
    assert row["kind"] in data.SOURCE_KINDS        # the loader checks this too
    parts = urlsplit(row["url"])
    assert parts.scheme in ("http", "https") and "." in parts.netloc, \
        f"{source_id}: '{row['url']}' is not an http(s) URL with a domain"
    host = parts.hostname or ""
    banned = [d for d in _disallowed() if host == d or host.endswith("." + d)]
    assert not banned, f"{source_id}: {host} is on tests/disallowed_domains.txt ({banned[0]})"


URL = re.compile(r"https?://[^\s)\]>\"'`,]+")
PACK = Path(__file__).resolve().parent.parent


def _documents():
    """The pack's readable text: notebooks' cells (not their outputs) and Markdown files."""
    for path in sorted((PACK / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path, "\n".join("".join(c["source"]) for c in cells)
    for path in sorted(PACK.glob("*.md")) + sorted(PACK.glob("*/*.md")):
        if not path.relative_to(PACK).parts[0].startswith("."):
            yield path, path.read_text(encoding="utf-8")


DOCUMENTS = list(_documents())


@pytest.mark.parametrize("path, text", DOCUMENTS,
                         ids=[str(p.relative_to(PACK)) for p, _ in DOCUMENTS])
def test_documents_cite_no_disallowed_site(path, text):
    """Notebooks, the teacher's guide, the answer keys and READMEs link to no disallowed site,
    and no notebook's Sources section cites Wikipedia by name."""
    hosts = {url: urlsplit(url).hostname or "" for url in URL.findall(text)}
    banned = [url for url, host in hosts.items() for d in _disallowed()
              if host == d or host.endswith("." + d)]
    assert not banned, f"{path.name} links to a site on tests/disallowed_domains.txt: {banned}"
    notebook_sources = "\n## Sources\n" in text and path.suffix == ".ipynb"
    sources = text.split("\n## Sources\n", 1)[1] if notebook_sources else ""
    assert "wikipedia" not in sources.lower(), \
        f"{path.name}'s Sources cite Wikipedia: cite the publication it cites instead"


def test_disallowed_list_is_read():
    assert "voiceofvienna.org" in _disallowed() and "wikipedia.org" in _disallowed()


def test_every_fact_has_a_strong_source():
    kinds = {sid: row["kind"] for sid, row in _sources().items()}
    weak = [where for where, ids in _fact_rows()
            if not any(kinds.get(sid) in data.STRONG_SOURCE_KINDS for sid in ids)]
    assert not weak, (f"{len(weak)} rows cite no source of a strong kind "
                      f"({', '.join(sorted(data.STRONG_SOURCE_KINDS))}); first: {weak[:5]}")


def test_strong_kinds_are_kinds():
    assert data.STRONG_SOURCE_KINDS <= set(data.SOURCE_KINDS)
