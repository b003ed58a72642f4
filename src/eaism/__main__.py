"""`python -m eaism` is the `eaism` command."""

from eaism.cli.app import main

main()
