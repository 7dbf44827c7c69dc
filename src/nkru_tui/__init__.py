"""nkru-tui: a terminal explorer of North Korea-Russia relations."""

__version__ = "0.1.0"
