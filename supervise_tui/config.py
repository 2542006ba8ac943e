"""Where things live: the data folder, the config folder, the demo folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "supervise-tui"
DATA_ENV = "SUPERVISE_DATA_DIR"
CONFIG_ENV = "SUPERVISE_CONFIG_DIR"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """``--data-dir`` if given, else ``$SUPERVISE_DATA_DIR``, else the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_DIR_NAME)


def config_dir() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_config_path(APP_DIR_NAME)


def user_prompts_dir() -> Path:
    return config_dir() / "prompts"


def demo_dir() -> Path:
    """The demo's own folder: never inside the real data folder."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser().parent / (Path(env).name + "-demo")
    return platformdirs.user_data_path(APP_DIR_NAME + "-demo")
