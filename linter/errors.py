"""The errors that cross module boundaries, in a module that imports nothing of the project's,
so that every layer can raise them without importing the layers above it."""


class ConfigError(Exception):
    """Bad configuration: the message names the file and the key. The CLI exits with 2 on it;
    the site plugin turns it into a build error."""
