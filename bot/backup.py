"""Where `python -m bot backup` may write: never somewhere git would pick the copy up.

A backup holds every member's RSVPs and check-ins. Written inside a git checkout (Paddock's
own, most likely) and not ignored there, one `git add .` publishes it with the code.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def git_root(path: Path) -> Path | None:
    """The work tree `path` would belong to: the nearest folder above it holding `.git`."""
    for folder in path.resolve().parents:
        if (folder / ".git").exists():
            return folder
    return None


def refusal(target: Path) -> str | None:
    """Why `target` must not receive a backup, or None when it may."""
    root = git_root(target)
    if root is None:
        return None
    advice = "use a path git ignores (backups/ in the checkout is) or one outside the checkout"
    git = shutil.which("git")
    if git is None:
        return f"{target} is inside the git checkout {root} and git is not installed to say whether it ignores it; {advice}"
    try:
        # 0: ignored, 1: not ignored, anything else: git could not tell (not a repository,
        # a repository owned by someone else...).
        answer = subprocess.run(
            [git, "check-ignore", "--quiet", "--", str(target.resolve())],
            cwd=root,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"could not ask git whether it ignores {target} ({exc}); {advice}"
    if answer.returncode == 0:
        return None
    if answer.returncode == 1:
        return f"{target} is inside the git checkout {root} and not ignored by git, so a backup there could be committed; {advice}"
    reason = answer.stderr.decode(errors="replace").strip().splitlines()
    detail = f" ({reason[0]})" if reason else ""
    return f"could not ask git whether it ignores {target}{detail}; {advice}"
