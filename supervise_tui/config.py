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


CONFIG_FILE = "config.toml"
MAX_CONFIG_BYTES = 64 * 1024


def config_file() -> Path:
    return config_dir() / CONFIG_FILE


def load_settings() -> tuple[dict, list[str]]:
    """The settings in the config file (``config.toml``) and what was wrong with it.

    A missing file is no settings. A file that cannot be read as TOML (or is not a
    regular file, or is too large, or nested too deeply) is skipped whole, with one
    plain sentence: settings never stop the app."""
    path = config_file()
    if not path.exists() and not path.is_symlink():
        return {}, []
    import tomllib  # (only when there is a file: most starts have none)

    from .store.files import read_limited

    try:
        raw = read_limited(path, MAX_CONFIG_BYTES, "settings file")
        return tomllib.loads(raw.decode("utf-8")), []
    except UnicodeDecodeError:  # (these two are ValueErrors too: first)
        reason = f"{path} is not UTF-8 text"
    except tomllib.TOMLDecodeError as error:
        reason = f"{path} is not valid TOML ({error})"
    except ValueError as error:  # not a regular file, too large, unreadable
        reason = str(error).rstrip(".")
    except RecursionError:
        reason = f"{path} is nested too deeply to be a settings file"
    return {}, [f"{reason}; it was skipped and the usual settings are used."]
