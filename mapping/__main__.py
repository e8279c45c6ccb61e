"""`python -m mapping` is the same as the `territory-map` command."""

from .cli import run

run()
