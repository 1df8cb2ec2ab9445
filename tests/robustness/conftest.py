"""Helpers for the robustness suite: run the real CLI as a user would, and check what it leaves behind."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

# no example database and hypothesis's caches in a temporary folder: the suite leaves no .hypothesis/ behind
settings.register_profile("genderscan", database=None)
settings.load_profile("genderscan")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="genderscan-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, True)

SRC = Path(__file__).resolve().parents[2] / "src"

#: The smallest package python-docx opens: content types, the package relationship and the body.
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
BODY_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
BODY_TAIL = b"</w:body></w:document>"
PARAGRAPH = b"<w:p><w:r><w:t>Vrouwen worden vaker slachtoffer van partnergeweld dan mannen.</w:t></w:r></w:p>"


def write_docx(path: Path, body_bytes: int, paragraph: bytes = PARAGRAPH, extra: dict[str, bytes] | None = None) -> Path:
    """A DOCX whose word/document.xml holds about ``body_bytes`` of repeated ``paragraph``, streamed (never in memory)."""
    count = max(1, body_bytes // len(paragraph))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        with archive.open("word/document.xml", "w") as fh:
            fh.write(BODY_HEAD)
            block = paragraph * 1000
            for _ in range(count // 1000):
                fh.write(block)
            fh.write(paragraph * (count % 1000))
            fh.write(BODY_TAIL)
    return path


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def cli(tmp_path: Path):
    """``cli(*args, env=..., expect=...)`` runs ``python -m genderscan`` in ``tmp_path``.

    It asserts no traceback on stderr and that the folder holds no new files
    except ``expect`` (reports the test asked for).
    """

    def run(*args: str, env: dict[str, str] | None = None, expect: tuple[str, ...] = (), timeout: float = 120) -> Run:
        before = listing(tmp_path)
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("GENDERSCAN_")}
        full_env.update(PYTHONPATH=str(SRC), GENDERSCAN_CACHE_DIR=str(tmp_path.parent / f"{tmp_path.name}-cache"), NO_COLOR="1", COLUMNS="200")
        full_env.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "genderscan", *args],
            cwd=tmp_path,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        new = listing(tmp_path) - before
        assert new <= set(expect), f"stray files: {sorted(new - set(expect))}"
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run


def write_pdf(path: Path, text: str = "Vrouwen worden vaker slachtoffer van partnergeweld dan mannen.", padding_mb: int = 0) -> Path:
    """A one-page PDF whose Flate-compressed content stream shows ``text`` and then ``padding_mb`` MB of spaces."""
    import zlib

    content = zlib.compressobj(9)
    body = content.compress(f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET\n".encode("latin-1"))
    block = b" " * (1 << 20)
    for _ in range(padding_mb):
        body += content.compress(block)
    body += content.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
