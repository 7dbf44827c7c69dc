"""The command line: the explorer with no subcommand, and commands for scripts."""

from .main import main

__all__ = ["main"]
