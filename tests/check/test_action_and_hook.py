"""The GitHub Action's run steps and the pre-commit hook, executed for real.

The action test parses action.yml, substitutes the inputs the way GitHub does,
and runs every ``run:`` step with bash (``uses:`` steps — setup-python and the
SARIF upload — are GitHub's own and are skipped) in a sample repository folder.
The install step really installs genderscan from the action's folder, into a
fresh virtual environment that borrows the test environment's dependencies.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.check.conftest import PITFALL_RULE, VISION
from tests.conftest import ROOT

EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _substitute(text: str, inputs: dict[str, str], runner_temp: Path) -> str:
    def value(m: re.Match) -> str:
        expr = m.group(1)
        if expr.startswith("inputs."):
            return inputs[expr.removeprefix("inputs.")]
        if expr == "github.action_path":
            return str(ROOT)
        if expr == "runner.temp":
            return str(runner_temp)
        raise AssertionError(f"the test does not know the expression {expr!r} used in a run step")

    return EXPRESSION.sub(value, str(text))


class ActionRunner:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.venv = tmp / "action-venv"
        self.workspace = tmp / "workspace"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("GENDERSCAN_")}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env['PATH']}"
        return env

    def run_step(self, step: dict, inputs: dict[str, str]) -> subprocess.CompletedProcess:
        defaults = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
        unknown = set(inputs) - set(defaults)
        assert not unknown, f"not inputs of the action: {unknown}"
        values = {**defaults, **inputs}
        env = self.env()
        env.update({k: _substitute(v, values, self.tmp) for k, v in step.get("env", {}).items()})
        env["GITHUB_OUTPUT"] = str(self.tmp / "github_output")
        script = _substitute(step["run"], values, self.tmp)
        assert step["shell"] == "bash"
        # GitHub runs `shell: bash` as: bash --noprofile --norc -eo pipefail {0}
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=self.workspace, env=env, capture_output=True, text=True, timeout=300,
        )

    def steps(self) -> list[dict]:
        return ACTION["runs"]["steps"]


@pytest.fixture(scope="module")
def action(tmp_path_factory) -> ActionRunner:
    runner = ActionRunner(tmp_path_factory.mktemp("action"))
    # A virtual environment like setup-python's: genderscan itself is not in it;
    # its dependencies are borrowed from the test environment (no download).
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(runner.venv)], check=True)
    purelib = subprocess.run([runner.venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "zz-test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    ws = runner.workspace
    (ws / "docs").mkdir(parents=True)
    (ws / "docs" / "visie.txt").write_text(VISION, encoding="utf-8")
    (ws / "our-rules" / "valkuil-genderneutraal").mkdir(parents=True)
    (ws / "our-rules" / "valkuil-genderneutraal" / "ongeacht.yaml").write_text(PITFALL_RULE, encoding="utf-8")
    (ws / "genderscan.toml").write_text('rules = ["our-rules"]\n', encoding="utf-8")
    install = next(s for s in runner.steps() if s.get("name") == "Install genderscan")
    result = runner.run_step(install, {})
    assert result.returncode == 0, result.stderr
    return runner


def test_action_steps_are_the_expected_ones():
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    assert [s.get("uses", "").split("@")[0] for s in steps if "uses" in s] == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    for step in steps:
        if "run" in step:
            assert "inputs." not in step["run"], "inputs reach scripts only through env (no script injection)"


def _check_step(action: ActionRunner, **inputs: str) -> subprocess.CompletedProcess:
    step = next(s for s in action.steps() if s.get("id") == "check")
    (action.tmp / "github_output").write_text("")
    return action.run_step(step, inputs)


def test_action_installs_genderscan_from_its_folder(action):
    out = subprocess.run(["genderscan", "--version"], env=action.env(), capture_output=True, text=True, cwd=action.workspace)
    assert out.stdout.strip() == "genderscan 0.1.0"
    where = subprocess.run(["python", "-c", "import genderscan; print(genderscan.__file__)"], env=action.env(), capture_output=True, text=True)
    assert where.stdout.startswith(str(action.venv)), "the action's own copy is used"


def test_action_passes(action):
    from genderscan.report import FORMATS

    sarif = "true" if "sarif" in FORMATS else "false"
    result = _check_step(action, paths="docs", require="A1, A2", sarif=sarif, **{"min-score": "5"})
    assert result.returncode == 0, result.stdout + result.stderr
    outputs = (action.tmp / "github_output").read_text()
    assert "exit-code=0" in outputs
    if sarif == "true":
        sarif_file = action.tmp / "genderscan.sarif"
        assert f"sarif-file={sarif_file}" in outputs
        assert json.loads(sarif_file.read_text())["version"] == "2.1.0"
    # the pitfall is annotated as a warning (fail-on-pitfall not set), titled with its code and title,
    # with the advice and the command that explains the rule
    [warning] = [line for line in result.stdout.splitlines() if line.startswith("::warning")]
    assert warning.startswith("::warning file=docs/visie.txt,line=7,title=genderscan P3 ")
    assert "%0AAdvies: " in warning and "%0AUitleg: genderscan rules explain valkuil-genderneutraal/" in warning


def test_action_fails_with_annotations(action):
    result = _check_step(action, paths="docs/visie.txt", require="D1", **{"fail-on-pitfall": "true", "lang": "en"})
    assert result.returncode == 1
    assert "exit-code=1" in (action.tmp / "github_output").read_text()
    assert "::error file=docs/visie.txt,title=genderscan D1 Data by sex and gender::The required item D1 Data by sex and gender ('sekse-data')" in result.stdout
    assert "%0AMore: genderscan rules explain sekse-data" in result.stdout
    assert "::error file=docs/visie.txt,line=7,title=genderscan P3 " in result.stdout


def test_action_paths_with_spaces(action):
    folder = action.workspace / "beleid stukken"
    folder.mkdir(exist_ok=True)
    (folder / "visie 2024.txt").write_text(VISION, encoding="utf-8")
    try:
        for paths in ("beleid stukken/visie 2024.txt", "docs/visie.txt\nbeleid stukken/visie 2024.txt\n"):
            result = _check_step(action, paths=paths, require="A1")
            assert result.returncode == 0, result.stdout + result.stderr
            assert "2 bestand(en)" in result.stdout or "1 bestand(en)" in result.stdout
            assert "niet gevonden" not in result.stdout + result.stderr
        assert "Geslaagd: 2 bestand(en)" in result.stdout
    finally:
        shutil.rmtree(folder)


def test_readme_only_repository_passes_the_action(action, tmp_path):
    repo = tmp_path / "readme-only"
    repo.mkdir()
    (repo / "README.md").write_text("# Ons project\n\nZie de map docs.\n", encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("## 0.1\n- begin\n", encoding="utf-8")
    step = next(s for s in action.steps() if s.get("id") == "check")
    ws, action.workspace = action.workspace, repo
    try:
        (action.tmp / "github_output").write_text("")
        result = action.run_step(step, {"paths": "."})
    finally:
        action.workspace = ws
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::error" not in result.stdout and "2 bestand(en) overgeslagen" in result.stdout


def test_action_inputs_cannot_inject_shell(action):
    result = _check_step(action, paths='docs/x.txt"; touch pwned; echo "')
    assert result.returncode == 2
    assert not (action.workspace / "pwned").exists()


# --- pre-commit -----------------------------------------------------------------------------

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hook_definition():
    [hook] = HOOKS
    assert hook["id"] == "genderscan" and hook["language"] == "python"
    assert hook["entry"] == "genderscan check"
    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("a.pdf", "b/visie.docx", "c.md", "d.txt"))
    assert not any(files.search(n) for n in ("a.py", "b.txt.bak", "pyproject.toml"))
    exclude = re.compile(hook["exclude"])
    assert all(exclude.search(n) for n in ("README.md", "docs/readme.txt", "CHANGELOG.md", "LICENSE.txt", "CONTRIBUTING.md", "sub/README-nl.md"))
    assert not any(exclude.search(n) for n in ("docs/visie.md", "regiovisie-2024.pdf", "readme-van-de-regio/visie.md"))


def test_hook_entry_point_on_a_readme_only_repository(action, tmp_path):
    """A README staged in a repository without policy documents: the hook passes (nothing to check)."""
    [hook] = HOOKS
    repo = tmp_path / "readme-only"
    repo.mkdir()
    (repo / "README.md").write_text("# Ons project\n\nDrie regels.\n", encoding="utf-8")
    staged = ["README.md"]
    # pre-commit filters with files/exclude; check itself also skips README when it is passed anyway
    assert [f for f in staged if re.search(hook["files"], f) and not re.search(hook["exclude"], f)] == []
    result = subprocess.run(hook["entry"].split() + staged, cwd=repo, env=action.env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "README.md: overgeslagen" in result.stdout


def test_hook_entry_point_on_staged_files(action):
    """What pre-commit runs: the entry with the matching file names appended, in the repository root."""
    [hook] = HOOKS
    files = ["docs/visie.txt"]
    cmd = hook["entry"].split() + [f for f in files if re.search(hook["files"], f)]
    (action.workspace / "genderscan.toml").write_text('rules = ["our-rules"]\nfail-on-pitfall = true\n', encoding="utf-8")
    try:
        result = subprocess.run(cmd, cwd=action.workspace, env=action.env(), capture_output=True, text=True, timeout=300)
    finally:
        (action.workspace / "genderscan.toml").write_text('rules = ["our-rules"]\n', encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/visie.txt:7: fout [valkuil-genderneutraal]" in result.stdout


@pytest.mark.skipif(
    not (os.environ.get("GENDERSCAN_TEST_PRE_COMMIT") or os.environ.get("CI")),
    reason="slow (builds a full environment, 45-140 s); runs in CI, or set GENDERSCAN_TEST_PRE_COMMIT=1",
)
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo(tmp_path):
    """`pre-commit try-repo` against this checkout, in a sample git repository."""
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    ws = tmp_path / "ws"
    (ws / "docs").mkdir(parents=True)
    (ws / "docs" / "visie.txt").write_text(VISION, encoding="utf-8")
    (ws / "genderscan.toml").write_text('require = ["D1"]\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("GENDERSCAN_")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "cache")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=ws, check=True)
    subprocess.run([*git, "add", "."], cwd=ws, check=True)
    result = subprocess.run([pre_commit, "try-repo", str(ROOT), "genderscan", "--all-files"], cwd=ws, env=env, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "genderscan check" in result.stdout and "Failed" in result.stdout
    assert "sekse-data" in result.stdout
