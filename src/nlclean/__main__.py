"""`python -m nlclean …` runs the `nlclean` command (handy where scripts are not on PATH)."""
import sys

from .cli.main import main

sys.exit(main())
