"""Unit-test fixtures: no network, and a scratch copy of data/ to break on purpose."""

import shutil
import socket

import pytest

from lessonkit import data, handouts


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any test that tries to reach the internet (the pack must work offline)."""
    def refuse(*args, **kwargs):
        raise NetworkBlocked("this test tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


CACHED = (data.read_table, data.read_layer, data.places, data.control_area)


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    """A private copy of data/ that the loaders read instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy, ignore=shutil.ignore_patterns("build"))
    monkeypatch.setattr(data, "DATA_DIR", copy)
    for cached in CACHED:
        cached.cache_clear()
    yield copy
    for cached in CACHED:
        cached.cache_clear()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Every handout and worksheet, written once per test module into a scratch folder."""
    return handouts.build(tmp_path_factory.mktemp("handouts"))


@pytest.fixture(scope="module")
def pages(written):
    """The handout pages (not the worksheets), by notebook name."""
    return {p.stem: p for p in written if p.parent.name != "worksheets"}
