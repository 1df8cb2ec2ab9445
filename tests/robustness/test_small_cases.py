"""Smaller hostile cases: unreadable files, broken configuration, file names that look like markup."""

from __future__ import annotations

import os
import pathlib

import pytest

from genderscan.errors import InputError

VISION = "Vrouwen worden veel vaker slachtoffer van partnergeweld dan mannen.\n"


def _lock(monkeypatch, locked: pathlib.Path) -> None:
    """Make ``locked`` unreadable for this process, also when the tests run as root (chmod does not stop root)."""
    real_read, real_open = pathlib.Path.read_bytes, open

    def read_bytes(self):
        if self.resolve() == locked.resolve():
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike) and pathlib.Path(file).resolve() == locked.resolve():
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr("builtins.open", guarded_open)


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    from genderscan.ingest import read_document

    locked = tmp_path / "dicht.txt"
    locked.write_text(VISION, encoding="utf-8")
    _lock(monkeypatch, locked)
    with pytest.raises(InputError) as err:
        read_document(locked)
    assert err.value.code == "unreadable_file" and "rechten" in err.value.message("nl")


def test_unreadable_file_in_a_batch_fails_as_input_not_internal_error(tmp_path, monkeypatch):
    from genderscan.batch.run import run
    from genderscan.cache import Cache
    from genderscan.config import Config

    good, locked = tmp_path / "open.txt", tmp_path / "dicht.txt"
    good.write_text(VISION, encoding="utf-8")
    locked.write_text(VISION, encoding="utf-8")
    _lock(monkeypatch, locked)
    for cache in (Cache(None), Cache(tmp_path / "cache")):
        outcomes = run([good, locked], Config(), cache, jobs=0)  # in this process, where the file is locked
        assert [o.status for o in outcomes] == ["ok", "failed"]
        assert outcomes[1].error_code == "unreadable_file", outcomes[1].error


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="chmod 000 does not stop root; covered by the test above")
def test_chmod_000_in_batch_cli(tmp_path, cli):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "open.txt").write_text(VISION, encoding="utf-8")
    locked = tmp_path / "docs" / "dicht.txt"
    locked.write_text(VISION, encoding="utf-8")
    locked.chmod(0)
    out = tmp_path.parent / f"{tmp_path.name}-uit"
    run = cli("batch", "docs", "--jobs", "1", "--no-cache", "--out", str(out))
    assert run.code == 2 and "internal" not in (run.stdout + run.stderr).lower()
    assert '"unreadable_file"' in (out / "summary.json").read_text(encoding="utf-8")


CONFIGS = {
    "quoted-bool": ('fail-on-pitfall = "yes"\n', "fail-on-pitfall", "zonder aanhalingstekens"),
    "inf": ("weights = {sekse-data = inf}\n", "weights", "van 0 tot 1000"),
    "huge": ("weights = {sekse-data = 1e308}\n", "weights", "van 0 tot 1000"),
    "nan": ("weights = {sekse-data = nan}\n", "weights", "van 0 tot 1000"),
    "bool-weight": ("weights = {sekse-data = true}\n", "weights", "getal"),
    "quoted-limit": ('max-pages = "10"\n', "max-pages", "geheel getal"),
    "zero-limit": ("max-characters = 0\n", "max-characters", "geheel getal"),
}


@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_wrong_configuration_is_exit_2_with_the_key(tmp_path, cli, case):
    text, key, detail = CONFIGS[case]
    (tmp_path / "genderscan.toml").write_text(text, encoding="utf-8")
    (tmp_path / "visie.txt").write_text(VISION, encoding="utf-8")
    run = cli("check", "visie.txt")
    assert run.code == 2
    assert key in run.stderr and detail in run.stderr and "genderscan.toml" in run.stderr


def test_binary_configuration_file(tmp_path, cli):
    (tmp_path / "genderscan.toml").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "visie.txt").write_text(VISION, encoding="utf-8")
    run = cli("check", "visie.txt")
    assert run.code == 2 and "geen UTF-8-tekst" in run.stderr


def test_weight_in_environment_checked_too(tmp_path, cli):
    (tmp_path / "visie.txt").write_text(VISION, encoding="utf-8")
    run = cli("check", "visie.txt", env={"GENDERSCAN_WEIGHTS": "sekse-data=inf"})
    assert run.code == 2 and "GENDERSCAN_WEIGHTS" in run.stderr


def test_file_name_with_rich_markup_is_printed_as_text(tmp_path, cli):
    (tmp_path / "a[").mkdir()
    (tmp_path / "a[" / "red].pdf").write_bytes(b"geen pdf")
    run = cli("analyse", "a[/red].pdf")
    assert run.code == 2 and "a[/red].pdf" in run.stderr


def test_not_a_pdf_and_empty_and_folder(tmp_path, cli):
    (tmp_path / "leeg.txt").write_bytes(b"")
    (tmp_path / "map.pdf").mkdir()
    for name, expected in (("leeg.txt", "geen tekst"), ("map.pdf", "geen bestand"), ("weg.pdf", "bestaat niet")):
        run = cli("analyse", name)
        assert run.code == 2 and expected in run.stderr, name
