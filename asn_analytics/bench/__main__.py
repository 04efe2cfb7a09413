"""python -m asn_analytics.bench: the benchmark's command (and its child processes)."""

import sys

from asn_analytics.bench import main

sys.exit(main())
