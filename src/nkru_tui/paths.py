"""Where the stores live. No personal paths: the packaged store or what the user names."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "NKRU_DB"
ENV_USER_DB = "NKRU_USER_DB"
APP_NAME = "nkru-tui"


def packaged_db_path() -> Path:
    """The curated store shipped inside the wheel (``nkru_tui/data/db.json``).

    In a source checkout (editable install) the file lives at ``data/db.json`` at the top of
    the repository instead; fall back to it there.
    """
    here = Path(__file__)
    if here.is_file():  # a package in a folder: where importlib.resources would look
        packaged = here.parent / "data" / "db.json"
        if packaged.is_file():
            return packaged
    else:  # pragma: no cover - imported from a zip: only importlib.resources can say
        from importlib import resources

        try:
            res = resources.files("nkru_tui").joinpath("data/db.json")
            if res.is_file():
                return Path(str(res))
        except (ModuleNotFoundError, FileNotFoundError):
            pass
    return here.resolve().parents[2] / "data" / "db.json"


def default_db_path() -> Path:
    env = os.environ.get(ENV_DB)
    return Path(env) if env else packaged_db_path()


def default_user_db_path() -> Path:
    env = os.environ.get(ENV_USER_DB)
    if env:
        return Path(env)
    from .core.config import load

    configured = load().user_store  # config.toml's user_store, if set
    if configured is not None:
        return configured
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "user.json"
