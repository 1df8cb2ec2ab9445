"""Every front end resolves its configuration the same way (genderscan.analyser, genderscan.settings).

One ``genderscan.toml`` switches a rule off; ``analyse``, ``batch``, ``compare``, ``check`` and
``serve`` must all report without it, and ``rules list`` must show it as off. The document's only finding comes from that rule, so with
the rule off item A2 (sekseverschillen) is absent everywhere.
"""

from __future__ import annotations

import json
import re

import pytest

RULE = "sekseverschillen/vaker-vrouwen"
ITEM = "sekseverschillen"
VISION = "Regiovisie\n\nHet zijn overwegend vrouwen die slachtoffer worden van partnergeweld.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch, nlp):
    """A folder with the vision and a genderscan.toml that disables the rule; cwd = that folder."""
    (tmp_path / "visie.txt").write_text(VISION, encoding="utf-8")
    (tmp_path / "genderscan.toml").write_text(f'disabled-rules = ["{RULE}"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in list(__import__("os").environ):
        if name.startswith("GENDERSCAN_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("GENDERSCAN_CACHE_DIR", str(tmp_path / ".cache"))
    return tmp_path



def _level(report: dict) -> int:
    return next(i["level"] for i in report["items"] if i["id"] == ITEM)


def _rules(report: dict) -> set[str]:
    return {e["rule"] for i in report["items"] for e in i["evidence"]}


def test_the_rule_fires_without_the_configuration(folder, cli):
    (folder / "genderscan.toml").unlink()
    code, out, _ = cli("analyse", "visie.txt", "-f", "json")
    assert code == 0 and _level(json.loads(out)) == 1 and RULE in _rules(json.loads(out))
    assert json.loads(out)["score"] > 0


def test_analyse_honours_disabled_rules(folder, cli):
    code, out, err = cli("analyse", "visie.txt", "-f", "json")
    assert code == 0, err
    report = json.loads(out)
    assert _level(report) == 0 and RULE not in _rules(report)


def test_batch_honours_disabled_rules(folder, cli):
    code, _, err = cli("batch", "visie.txt", "-o", "uit", "-f", "json", "--jobs", "1", "--quiet", "--no-cache")
    assert code == 0, err
    report = json.loads((folder / "uit" / "reports" / "visie.json").read_text(encoding="utf-8"))
    assert _level(report) == 0 and RULE not in _rules(report)


def test_compare_honours_disabled_rules(folder, cli):
    code, out, err = cli("compare", "visie.txt", "visie.txt", "-f", "json", "--no-cache")
    assert code == 0, err
    data = json.loads(out)
    assert RULE not in out
    assert data["old_score"] == data["new_score"] == 0  # 2.5 with the rule on


def test_check_honours_disabled_rules(folder, cli):
    code, out, _ = cli("check", "visie.txt", "--require", "A2", "-f", "json")
    assert code == 1  # A2 required, and its only rule is off
    [file] = json.loads(out)["files"]
    assert _level(file["report"]) == 0 and RULE not in _rules(file["report"])


def test_serve_honours_disabled_rules(folder, cli, monkeypatch):
    """``genderscan serve`` as started from the command line, its app driven by a TestClient."""
    from starlette.testclient import TestClient

    import genderscan.serve.server as server

    started = {}
    monkeypatch.setattr(server, "bind", lambda host, port: None)
    monkeypatch.setattr(server, "run", lambda app, sock, tmp_root, **kw: started.setdefault("app", app))
    code, _, err = cli("serve", "--workers", "0", "--port", "8765")
    assert code == 0, err
    with TestClient(started["app"], base_url="http://127.0.0.1") as client:
        response = client.post("/api/analyse", files={"file": ("visie.txt", VISION.encode(), "text/plain")})
        assert response.status_code == 200, response.text
        assert _level(response.json()) == 0 and RULE not in _rules(response.json())
        page = client.get("/")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        html = client.post("/analyse", data={"csrf": token}, files={"file": ("visie.txt", VISION.encode(), "text/plain")})
        assert html.status_code == 200 and RULE not in html.text


def test_rules_list_shows_the_disabled_rule_as_off(folder, cli):
    code, out, err = cli("rules", "list", "--lang", "en")
    assert code == 0, err
    [row] = [line for line in out.splitlines() if f" {RULE} " in line]
    assert re.search(r"│ off\s+│$", row) and f"{RULE}. analyse does not use these rules." in out
