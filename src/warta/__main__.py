"""``python -m warta`` runs the command line."""

from warta.cli.main import main

main()
