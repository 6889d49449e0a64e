"""nlclean's language server (pygls): diagnostics and quick fixes from the engine."""
