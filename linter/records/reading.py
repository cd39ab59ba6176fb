"""Reading a record file: size limit, encoding and JSON, each failure a RecordError naming the file.

Its own module so the format modules (Slack reads a users file beside its day-files) and the
package can both use it without importing each other.
"""

from __future__ import annotations

import json
import os

from linter.records.event import RecordError

MAX_RECORD_BYTES = 32 * 1024 * 1024


def read_json(path: str):
    """The parsed JSON of a file, or a RecordError saying why it cannot be read."""
    try:
        if os.path.getsize(path) > MAX_RECORD_BYTES:
            raise RecordError(f"{path}: larger than {MAX_RECORD_BYTES // (1024 * 1024)} MiB; not reading it")
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise RecordError(f"{path}: cannot read it: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RecordError(f"{path}: not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"{path}: not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise RecordError(f"{path}: JSON nested too deeply") from None
