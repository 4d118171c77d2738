"""Every input bounded (issue 10): documents built to cost time by the square of their size
are parsed in a child process, and its time and peak memory must stay under a generous
ceiling (a ceiling, not a race: the real figures are a few seconds and at most a few hundred MB).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

CEILING_SECONDS = 60
CEILING_MB = 512

HEAD = (
    "Vragen van het lid Jansen (D66) aan de minister van Financiën over de rente "
    "(ingezonden 3 januari 2024).\nVraag 1\nIs de rente gestegen?\nAntwoord 1\n"
)
DOCUMENTS = {
    # one word of a million letters: the glued-word repair tried every split point
    "long-word": HEAD + "abcdefghij" * 100_000 + " is het antwoord.\n",
    # two million short lines in one answer: joining them copied the text per line
    "many-lines": HEAD + "x\n" * 2_000_000,
    # fifty thousand numbered lines: every one was tried as the start of a footnote zone
    "numbered-lines": HEAD + "\n".join(f"{i} Tekst van noot {i}" for i in range(1, 50_000)),
    # a million places beside digits on one line
    "letters-and-digits": HEAD + "a1" * 500_000,
}


# The child writes its own peak memory (VmHWM: this process since it started, not the
# parent it was forked from) to a file when it ends.
PEAK = """
import atexit, os, re, sys
def peak():
    with open("/proc/self/status") as status:
        kb = re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1)
    with open(os.environ["PEAK_FILE"], "w") as out:
        out.write(kb)
atexit.register(peak)
sys.argv = ["kamervragen", *sys.argv[1:]]
from kamervragen.cli import app
app()
"""


def run_cli(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the command line in a child: its result, seconds and peak memory in MB."""
    peak_file = tmp_path / "peak"
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *args],
        capture_output=True,
        text=True,
        timeout=CEILING_SECONDS * 2,
        env={**os.environ, **(env or {}), "PEAK_FILE": str(peak_file)},
    )
    return done, time.monotonic() - start, int(peak_file.read_text()) / 1024


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_a_document_built_to_be_slow_is_parsed_within_the_ceiling(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(DOCUMENTS[name])
    done, seconds, peak_mb = run_cli(tmp_path, "parse", str(path))
    # parsed whole, then kept or refused as larger than any real set: either way in one go
    if done.returncode:
        assert done.returncode == 2
        assert done.stderr.strip().endswith("(no real set is that long: a concatenation?)")
    assert "Traceback" not in done.stderr
    assert seconds < CEILING_SECONDS
    assert peak_mb < CEILING_MB


def test_a_device_gets_one_line_and_exit_2(tmp_path: Path) -> None:
    good = tmp_path / "goed.txt"
    good.write_text(HEAD + "Ja.\n")
    done = subprocess.run(
        [sys.executable, "-m", "kamervragen.cli", "parse", "/dev/zero", str(good)],
        capture_output=True,
        text=True,
        timeout=CEILING_SECONDS,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "kamervragen: /dev/zero: it is not a regular file (a device or a pipe)"
    assert '"text":"Ja."' in done.stdout  # the batch went on


def word_file(paragraphs: int) -> bytes:
    """A .docx of empty paragraphs: 195 KB of archive for millions of elements."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            part.write(
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            for _ in range(paragraphs // 100_000):
                part.write(b"<w:p/>" * 100_000)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def lying_word_file() -> bytes:
    """A .docx whose zip index says its document unzips to 1 KB; it unzips to 300 MB."""
    data = bytearray(word_file(0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 300_000_000 + b"</w:document>")
    data = bytearray(buffer.getvalue())
    for header, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(header, start)) != -1:
            if b"word/document.xml" in data[start : start + 100]:
                data[start + size_at : start + size_at + 4] = (1000).to_bytes(4, "little")
            start += 4
    return bytes(data)


def pdf_bomb(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes."""
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Vraag 1) Tj ET\n" + b" " * inflated, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


BOMBS = {
    "docx-millions-of-paragraphs.docx": (lambda: word_file(6_000_000), "more than 500,000 XML elements"),
    "docx-lying-zip-index.docx": (lying_word_file, "the .docx has a damaged part"),
    "pdf-inflating-to-1-GB.pdf": (lambda: pdf_bomb(1_000_000_000), "inflate to more than 200 MB"),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_bomb_is_refused_in_one_line_within_the_ceiling(tmp_path: Path, name: str) -> None:
    build, message = BOMBS[name]
    path = tmp_path / name
    path.write_bytes(build())
    good = tmp_path / "goed.txt"
    good.write_text(HEAD + "Ja.\n")
    done, seconds, peak_mb = run_cli(tmp_path, "parse", str(path), str(good))
    assert seconds < CEILING_SECONDS
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"kamervragen: {path}: ") and message in line
    assert '"text":"Ja."' in done.stdout  # the batch went on
    assert peak_mb < CEILING_MB


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ({"KAMERVRAGEN_DEADLINE": "0.5"}, "parsing it took longer than the limit of 0.5 s"),
        ({"KAMERVRAGEN_MEMORY_MB": "300"}, "parsing it needed more memory than the limit of 300 MB"),
    ],
    ids=["time", "memory"],
)
def test_a_document_over_the_limits_is_stopped_and_the_next_one_parsed(
    tmp_path: Path, limit: dict[str, str], message: str
) -> None:
    slow = tmp_path / "traag.txt"
    slow.write_text(DOCUMENTS["many-lines"])  # takes seconds and about 350 MB
    good = tmp_path / "goed.txt"
    good.write_text(HEAD + "Ja.\n")
    done, _, _ = run_cli(tmp_path, "parse", str(slow), str(good), env=limit)
    assert done.returncode == 2
    assert done.stderr.strip() == f"kamervragen: {slow}: {message}"
    assert '"text":"Ja."' in done.stdout


def _stuck_in_c(path: str) -> tuple[str, None, None]:
    """A parse that the deadline cannot interrupt, as one stuck inside a C library."""
    import signal

    if path.endswith("vast.txt"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return path, None, None


def test_a_worker_stuck_past_the_deadline_is_killed_and_the_rest_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kamervragen import ingest

    monkeypatch.setattr(ingest, "parse_reported", _stuck_in_c)
    monkeypatch.setattr(ingest, "DEADLINE_SECONDS", 0.5)
    monkeypatch.setattr(ingest, "GRACE_SECONDS", 0.5)
    start = time.monotonic()
    results = list(ingest.parse_in_workers(["a.txt", "vast.txt", "b.txt", "c.txt"], 2))
    assert time.monotonic() - start < CEILING_SECONDS / 2
    assert [path for path, _, _ in results] == ["a.txt", "vast.txt", "b.txt", "c.txt"]
    assert results[1][2] == "parsing it did not end within 1 s; its process was stopped"
    assert [reason for _, _, reason in results if reason] == [results[1][2]]
