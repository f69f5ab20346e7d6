"""``python -m eventprogram``: the same as the ``eventprogram`` command."""

import sys

from ._cli import main

sys.exit(main())
