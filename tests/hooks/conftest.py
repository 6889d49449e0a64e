"""What the commit-hook tests share: fixtures over git_sandbox's throwaway repositories."""
from __future__ import annotations

from pathlib import Path

import pytest
from git_sandbox import FIXTURES, Repo, git_env


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    home = tmp_path / "home"
    home.mkdir()
    return Repo(tmp_path / "repo", git_env(home))


@pytest.fixture(scope="session")
def dirty() -> bytes:
    """A newsletter with a sponsor section and a footer line."""
    return (FIXTURES / "dirty.md").read_bytes()


@pytest.fixture(scope="session")
def cleaned() -> bytes:
    """`dirty` as `nlclean fix` leaves it; clean already."""
    return (FIXTURES / "dirty.clean.md").read_bytes()
