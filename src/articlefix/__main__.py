"""``python -m articlefix``: the same as the ``articlefix`` command."""

from articlefix.cli import main

main()
