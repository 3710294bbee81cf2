"""Every command and code block in README.md and docs/development.md runs, from a folder laid
out like a checkout, with the user's own article in it (``article.txt``).

Commands run one by one in a shell; Python blocks run as scripts. Each must exit as expected
and never print a traceback. Only the commands that CI itself runs around this test (the
install, and pytest) are left out. The README's sample output line has the fields of a real
one, and each of them is explained.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

README = ROOT / "README.md"
DOCUMENTS = (README, ROOT / "docs" / "development.md")
BLOCK = re.compile(r"```(bash|python)\n(.*?)```", re.S)
NOT_RUN = {
    "pip install": "the install is what CI runs before the tests",
    "python -m pytest": "this test runs inside pytest",
}
# A command expected to fail, with the exit status it documents.
EXPECTED_STATUS = {"--scheduler tcp://127.0.0.1:8786": 2}
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.slow


def blocks() -> list[tuple[str, str]]:
    return [block for document in DOCUMENTS for block in BLOCK.findall(document.read_text(encoding="utf-8"))]


def commands() -> list[str]:
    found = []
    for language, body in blocks():
        if language != "bash":
            continue
        for line in body.splitlines():
            command = line.split("  #")[0].strip()
            if command and not command.startswith("#"):
                found.append(command)
    return found


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """A folder with the repository's files linked in, and shared/ beside it as in CI."""
    base = tmp_path_factory.mktemp("readme")
    work = base / "work"
    work.mkdir()
    for name in ("gold", "eval.py", "bench", "scripts", "quotes"):
        (work / name).symlink_to(ROOT / name)
    (work / "article.txt").write_bytes((ROOT / "gold" / "texts" / "seed-000.txt").read_bytes())
    if SHARED.is_dir():
        (base / "shared").symlink_to(SHARED)
    return work


def run(args: list[str] | str, cwd: Path, shell: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(args, cwd=cwd, shell=shell, capture_output=True, text=True, env=env, timeout=900,
                          executable="/bin/bash" if shell else None)


def test_the_readme_has_commands_and_code():
    assert len(commands()) >= 15 and any(language == "python" for language, _ in blocks())


@pytest.mark.parametrize("command", commands())
def test_every_readme_command_runs(checkout, command):
    skip = next((why for start, why in NOT_RUN.items() if command.startswith(start)), None)
    if skip:
        pytest.skip(skip)
    if "../shared" in command and not SHARED.is_dir():
        pytest.skip("the shared corpora are not beside this checkout")
    (checkout / "out").mkdir(exist_ok=True)
    result = run(command, checkout, shell=True)
    expected = next((status for part, status in EXPECTED_STATUS.items() if part in command), 0)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == expected, (result.returncode, result.stderr[-2000:])


@pytest.mark.parametrize("index", [i for i, (language, _) in enumerate(blocks()) if language == "python"])
def test_every_readme_python_block_runs(checkout, index):
    (checkout / "out").mkdir(exist_ok=True)
    script = checkout / f"readme_block_{index}.py"
    script.write_text(blocks()[index][1], encoding="utf-8")
    result = run([sys.executable, str(script)], checkout)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_sample_line_is_a_real_line_and_every_field_is_explained(checkout):
    readme = README.read_text(encoding="utf-8")
    sample = json.loads(re.search(r"```json\n(.*?)```", readme, re.S).group(1))
    result = run(["quotes", "extract", "article.txt"], checkout)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert list(sample) == list(lines[-1])  # the fields, in their order
    assert (sample["id"], sample["speaker_name"], sample["text"]) == ("article.txt", lines[-1]["speaker_name"], lines[-1]["text"])
    table = readme.split("## What a line says", 1)[1].split("\n## ", 1)[0]
    for field in sample:
        assert f"`{field}`" in table, field
