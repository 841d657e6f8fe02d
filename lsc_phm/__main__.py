"""``python -m lsc_phm``: the command-line front (see :mod:`lsc_phm.cli`)."""

from lsc_phm.cli import main

raise SystemExit(main())
