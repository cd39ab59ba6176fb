"""postmortem-kit's linter: parse each postmortem once, check it against the format."""

__version__ = "0.1.0"
