"""Where a command's report goes: standard output, or the file ``-o FILE`` names."""

from __future__ import annotations

import sys


def deliver(output: str, output_file: str | None) -> bool:
    """Print ``output``, or write it to ``output_file`` (see ``linter.atomic.write_output``).

    False when the file was refused or could not be written: the message is on stderr and the
    command exits 2 (a usage error), never with a traceback.
    """
    if output_file is None:
        sys.stdout.write(output)
        return True
    if not output_file:
        print("postmortem: error: -o/--output-file needs a file name (it was empty)", file=sys.stderr)
        return False
    from linter.atomic import OutputRefused, write_output

    try:
        write_output(output_file, output)
    except OutputRefused as error:
        from linter.safe_text import safe_message

        print(f"postmortem: error: {safe_message(str(error), 400)}", file=sys.stderr)
        return False
    return True
