"""Helpers shared by the CI-gate tests: git isolated from the machine, postmortem variants."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import clean_text


def isolated_git_environment(directory: Path) -> dict[str, str]:
    """The process environment for git that ignores the machine's configuration (hooks, signing,
    default branch) and any outer git or pre-commit run (GIT_DIR, GIT_INDEX_FILE, SKIP...)."""
    config = directory / "gitconfig"
    config.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PRE_COMMIT")) and key != "SKIP"}
    env.update(GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1")
    for role in ("AUTHOR", "COMMITTER"):
        env.update({f"GIT_{role}_NAME": "Test", f"GIT_{role}_EMAIL": "test@example.com"})
    return env


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def postmortem(identifier: str, related: str | None = None) -> str:
    """The clean postmortem with another id and, optionally, a `related` id."""
    text = clean_text().replace("id: PM-2026-014", f"id: {identifier}")
    if related:
        text = text.replace("tags: [pricing, llm]", f"tags: [pricing, llm]\nrelated: [{related}]")
    return text
