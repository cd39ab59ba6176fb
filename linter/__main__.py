"""``python -m linter`` is the ``postmortem`` command."""

import sys

from linter.cli import main

sys.exit(main())
