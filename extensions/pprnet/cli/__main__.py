"""`python -m pprnet.cli`, the same as the `pprnet` command."""

import sys

from pprnet.cli import main

sys.exit(main())
