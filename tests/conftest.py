"""Shared fixtures. Every test's user-data paths point into tmp_path, so no test ever reads
or writes the developer's own notes, bookmarks or config."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini.json"


@pytest.fixture(autouse=True)
def _isolated_user_paths(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("NKRU_USER_DB", str(home / "user.json"))
    monkeypatch.delenv("NKRU_DB", raising=False)
    monkeypatch.delenv("NKRU_CONFIG", raising=False)  # config.toml: the tmp XDG folder's
    # a developer's tmux (set-clipboard off) must not send the explorer's copies to a file
    monkeypatch.delenv("TMUX", raising=False)
    yield


@pytest.fixture
def mini_path() -> Path:
    return MINI


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("NKRU_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
