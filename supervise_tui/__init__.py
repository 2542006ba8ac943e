"""supervise-tui: structured supervision sessions for peer specialists, in a terminal."""

__version__ = "0.1.0"
APP_NAME = "supervise-tui"
