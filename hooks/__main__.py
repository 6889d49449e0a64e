"""`python -m nlclean_hooks`: what the installed git pre-commit hook runs."""
import sys

from .staged import main

sys.exit(main())
