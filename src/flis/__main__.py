"""``python -m flis`` runs the command line."""

from flis.cli import main

main()
