"""``python -m benchmark`` is the ``boilerbench`` command."""

import sys

from benchmark.cli import command

sys.exit(command())
