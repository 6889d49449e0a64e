"""`python -m nlclean_server`: the language server on stdin/stdout (what `nlclean server` runs)."""
import sys

from .language_server import serve

sys.exit(serve())
