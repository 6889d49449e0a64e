"""nlclean's commit-time integration for users without the pre-commit framework."""
