"""Every fact in data/ traces to a source a historian would accept (issue 11).

The rules: every source id used in data/ exists; every row of sources.csv names its
publisher, title, date, an http(s) URL and a kind from lessonkit.data.SOURCE_KINDS; every
fact row (event, claim, reference area, control-outline vertex, supply-route stop) cites at
least one source of a strong kind; no URL is on tests/disallowed_domains.txt; no source row
is unused or repeats another's URL; every URL is a canonical https address (no AMP page, no
tracking parameters, no port) and every news source has a full date (issue 18). A source row
may also be used by a notebook that links to its URL (notebooks/since_2022.ipynb does).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from lessonkit import data

DISALLOWED = Path(__file__).with_name("disallowed_domains.txt")
URL = re.compile(r"https?://[^\s)\]>\"'`,]+")
PACK = Path(__file__).resolve().parent.parent
FACT_TABLES = ["events.csv", "claims.csv", "reference_areas.csv", "control_areas.csv",
               "supply_routes.csv"]


def _sources() -> dict[str, dict]:
    return {row["source_id"]: row for row in data.read_table("sources.csv")}


def _fact_rows():
    for name in FACT_TABLES:
        for i, row in enumerate(data.read_table(name), start=2):
            yield f"{name} line {i}", row["sources"].split(";")


def _notebook_links() -> dict[str, set[str]]:
    """The URLs each notebook's cells link to, by notebook file name."""
    links = {}
    for path in sorted((PACK / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        links[path.name] = set(URL.findall("\n".join("".join(c["source"]) for c in cells)))
    return links


def _used_ids() -> set[str]:
    used = {sid for _, ids in _fact_rows() for sid in ids}
    used |= {row["source"].split()[0] for row in data.read_table("places.csv")}
    linked = set().union(*_notebook_links().values())
    used |= {sid for sid, row in _sources().items() if row["url"] in linked}
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


# Query parameters that only track where a reader came from; the page is the same without them.
TRACKING = re.compile(r"^(utm_\w+|src|r|ir|cid|fbclid|gclid|ref|from|noamp|amp|ocid)$", re.I)
# News pages whose day of publication has not been found yet (month only); do not add to this.
MONTH_ONLY = {"tonline-kupiansk-rail"}
UNDATED_KINDS = {"reference work", "statistics office", "data publisher", "official statement"}


@pytest.mark.parametrize("source_id", sorted(_sources()))
def test_source_url_is_canonical_and_dated(source_id):
    """https, the publisher's own page (not its AMP copy), no tracking parameters, no port;
    a full date unless the kind of page shows none."""
    row = _sources()[source_id]
    parts = urlsplit(row["url"])
    assert parts.scheme == "https", f"{source_id}: use the https address"
    assert parts.port is None, f"{source_id}: leave the port out of the URL"
    host = parts.hostname or ""
    amp = host.startswith(("amp.", "m.")) or "amp" in parts.path.lower().split("/")
    assert not amp, f"{source_id}: cite the publisher's full page, not its AMP or mobile copy"
    tracking = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if TRACKING.match(k)]
    assert not tracking, f"{source_id}: remove the tracking parameters {tracking} from the URL"
    date = row["date"]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return
    allowed = (date == "undated" and row["kind"] in UNDATED_KINDS) or (
        source_id in MONTH_ONLY and re.fullmatch(r"\d{4}-\d{2}", date))
    assert allowed, f"{source_id}: give the full date of publication as YYYY-MM-DD, not {date!r}"


def test_every_link_in_since_2022_is_a_strong_source():
    """The 'What has happened since' page cites only rows of sources.csv of a strong kind."""
    by_url = {row["url"]: row for row in _sources().values()}
    links = _notebook_links()["since_2022.ipynb"]
    assert links, "notebooks/since_2022.ipynb links to no source"
    missing = sorted(url for url in links if url not in by_url)
    assert not missing, f"add these links to data/sources.csv (with a kind): {missing}"
    weak = sorted(url for url in links if by_url[url]["kind"] not in data.STRONG_SOURCE_KINDS)
    assert not weak, f"cite a source of a strong kind instead of {weak}"


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
    assert {"wionews.com", "uawire.org", "360war.in.ua"} <= set(_disallowed())


def test_every_fact_has_a_strong_source():
    kinds = {sid: row["kind"] for sid, row in _sources().items()}
    weak = [where for where, ids in _fact_rows()
            if not any(kinds.get(sid) in data.STRONG_SOURCE_KINDS for sid in ids)]
    assert not weak, (f"{len(weak)} rows cite no source of a strong kind "
                      f"({', '.join(sorted(data.STRONG_SOURCE_KINDS))}); first: {weak[:5]}")


def test_strong_kinds_are_kinds():
    assert data.STRONG_SOURCE_KINDS <= set(data.SOURCE_KINDS)
