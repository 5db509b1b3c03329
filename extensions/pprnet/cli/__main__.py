"""`python -m pprnet.cli`, the same as the `pprnet` command."""

import sys

from . import main

sys.exit(main())
