"""Hostile input: entity tricks in XML, zip bombs, and garbage of every format end in a
DocumentError, never in another exception, and no local file is ever read."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamervragen.extract import DocumentError
from kamervragen.extract.docx import MAX_UNZIPPED
from kamervragen.extract.docx import extract as extract_docx
from kamervragen.extract.markup import parse_xml
from kamervragen.parse import parse_bytes

SECRET = "kamervragen-secret-7f3a9c"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


def xxe(url: str, encoding_decl: str = "") -> str:
    return (
        f'<?xml version="1.0"{encoding_decl}?>\n'
        f'<!DOCTYPE kamervragen [<!ENTITY xxe SYSTEM "{url}">]>\n'
        "<kamervragen><vraag><nr>Vraag 1</nr><al>Wat staat hier: &xxe;?</al></vraag>"
        "<antwoord><nr>Antwoord 1</nr><al>&xxe;</al></antwoord></kamervragen>"
    )


def billion_laughs(levels: int = 10) -> str:
    decls = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        decls.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE kamervragen [\n'
        + "\n".join(decls)
        + f"\n]>\n<kamervragen><vraag><nr>Vraag 1</nr><al>&lol{levels - 1};</al></vraag></kamervragen>"
    )


def refused(call, *args: object) -> DocumentError:  # type: ignore[no-untyped-def]
    with pytest.raises(DocumentError) as info:
        call(*args)
    return info.value


def dump(result: object) -> str:
    if isinstance(result, list):
        return " ".join(r.model_dump_json() for r in result)
    from lxml import etree

    return etree.tostring(result, encoding="unicode")


# --- XML entities ---------------------------------------------------------------------


@pytest.mark.parametrize("target", ["passwd", "secret"])
def test_external_entity_is_refused(target: str, secret_file: Path) -> None:
    url = "file:///etc/passwd" if target == "passwd" else secret_file.as_uri()
    data = xxe(url).encode()
    for error in (refused(parse_xml, data), refused(parse_bytes, data, "x.xml")):
        message = str(error)
        assert "entit" in message.lower()
        assert SECRET not in message and "root:" not in message


def test_billion_laughs_is_refused() -> None:
    data = billion_laughs().encode()
    assert "entit" in str(refused(parse_xml, data)).lower()
    assert "entit" in str(refused(parse_bytes, data, "x.xml")).lower()


def test_parameter_entity_is_refused(secret_file: Path) -> None:
    data = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE kamervragen [<!ENTITY % ext SYSTEM "{secret_file.as_uri()}"> %ext;]>\n'
        "<kamervragen><vraag><nr>Vraag 1</nr><al>x</al></vraag></kamervragen>"
    ).encode()
    refused(parse_xml, data)
    refused(parse_bytes, data, "x.xml")


def _padded(xml: str) -> bytes:
    """The same document with a comment of 70 kB before the DOCTYPE (legal in the prolog)."""
    head, rest = xml.split("\n", 1)
    return (head + "\n<!--" + "x" * 70_000 + "-->\n" + rest).encode()


def _evasions(secret_file: Path) -> dict[str, tuple[bytes, str]]:
    doc = xxe(secret_file.as_uri())
    return {
        "padded": (_padded(doc), "x.xml"),
        "utf-16le": (
            xxe(secret_file.as_uri(), ' encoding="UTF-16LE"').encode("utf-16-le"),
            "x.xml",
        ),
    }


@pytest.mark.parametrize("variant", ["padded", "utf-16le"])
def test_hidden_external_entity_is_never_resolved(variant: str, secret_file: Path) -> None:
    """Whatever happens to a disguised XXE document, the file's content never comes out."""
    data, name = _evasions(secret_file)[variant]
    for call in (lambda: parse_xml(data), lambda: parse_bytes(data, name)):
        try:
            result = call()
        except DocumentError as exc:
            assert SECRET not in str(exc)
        else:
            assert SECRET not in dump(result)


@pytest.mark.parametrize("variant", ["padded", "utf-16le"])
def test_hidden_external_entity_is_refused(variant: str, secret_file: Path) -> None:
    data, name = _evasions(secret_file)[variant]
    refused(parse_xml, data)
    refused(parse_bytes, data, name)


def test_padded_billion_laughs_is_refused() -> None:
    data = _padded(billion_laughs())
    refused(parse_xml, data)
    refused(parse_bytes, data, "x.xml")


def test_xxe_in_docx_footnotes_is_refused(secret_file: Path) -> None:
    footnotes = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE w:footnotes [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>\n'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:id="1"><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    data = _docx_with({"word/footnotes.xml": footnotes})
    error = refused(extract_docx, data)
    assert SECRET not in str(error)


def test_xxe_in_docx_body_is_never_resolved(secret_file: Path) -> None:
    body = _minimal_docx_part("word/document.xml").replace(
        "<w:body>", "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", 1
    )
    head, rest = body.split("?>", 1)
    body = head + "?>" + f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>' + rest
    data = _docx_with({"word/document.xml": body})
    try:
        records = parse_bytes(data, "x.docx")
    except DocumentError as exc:
        assert SECRET not in str(exc)
    else:
        assert SECRET not in dump(records)


# --- zip bombs and docx ---------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        chunk = b"\0" * 1_000_000
        with archive.open("word/document.xml", "w") as entry:
            left = MAX_UNZIPPED + 1
            while left:
                piece = chunk[: min(left, len(chunk))]
                entry.write(piece)
                left -= len(piece)
    data = buffer.getvalue()
    assert len(data) < MAX_UNZIPPED // 100  # it really is a bomb
    return data


def test_zip_bomb_is_refused(zip_bomb: bytes) -> None:
    for error in (refused(extract_docx, zip_bomb), refused(parse_bytes, zip_bomb, "x.docx")):
        message = str(error)
        assert "limit" in message
        assert f"{MAX_UNZIPPED // 1_000_000} MB" in message


def test_zip_bomb_with_any_name_is_refused(zip_bomb: bytes) -> None:
    for name in ("x.txt", "x.pdf", "x.xml", "x"):
        assert "limit" in str(refused(parse_bytes, zip_bomb, name))


def _minimal_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Vraag 1")
    document.add_paragraph("Is dat waar?")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _minimal_docx_part(name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(_minimal_docx())) as archive:
        return archive.read(name).decode("utf-8")


def _docx_with(parts: dict[str, str]) -> bytes:
    """A valid python-docx document with some parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(_minimal_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename not in parts:
                archive.writestr(info, source.read(info.filename))
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_minimal_docx_is_read() -> None:
    """Sanity check of the helper: the same document without tricks parses."""
    records = parse_bytes(_minimal_docx(), "x.docx")
    assert [q.number for q in records[0].questions] == [1]


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- garbage of every format ----------------------------------------------------------

RANDOM_BINARY = random.Random(20240601).randbytes(4096)

GARBAGE = {
    "empty": (b"", "x.txt"),
    "empty-pdf": (b"", "x.pdf"),
    "whitespace": (b" \n\t\r\n ", "x.docx"),
    "random-bin": (RANDOM_BINARY, "x.bin"),
    "random-txt": (RANDOM_BINARY, "x.txt"),
    "random-pdf": (RANDOM_BINARY, "x.pdf"),
    "random-docx": (RANDOM_BINARY, "x.docx"),
    "random-xml": (RANDOM_BINARY, "x.xml"),
    "truncated-pdf": (b"%PDF-1.7\n" + random.Random(1).randbytes(2000), "x.pdf"),
    "truncated-pdf-header": (b"%PDF-1.7\n", "x.txt"),
    "truncated-pdf-objects": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", "x.pdf"),
    "malformed-xml": (b"<kamervragen><vraag><nr>Vraag 1</nr><al>open", "x.xml"),
    "malformed-xml-tags": (b"<?xml version='1.0'?><a></b>", "x.xml"),
    "xml-no-kamervragen": (b"<?xml version='1.0'?><metadata_gegevens/>", "x.xml"),
    "xml-only-comment": (b"<!-- niets -->", "x.xml"),
    "zip-not-docx": (_zip({"hello.txt": b"hallo"}), "x.docx"),
    "zip-not-docx-named-zip": (_zip({"hello.txt": b"hallo"}), "x.zip"),
    "zip-garbage-document": (
        _zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "word/document.xml": b"\x00garbage"}),
        "x.docx",
    ),
    "zip-truncated": (_zip({"word/document.xml": b"<x/>" * 1000})[:60], "x.docx"),
    "zip-header-only": (b"PK\x03\x04", "x.docx"),
    "json-garbage": (b"{not json", "x.json"),
    "json-not-record": (b'{"a": 1}', "x.json"),
    "html-empty": (b"<html></html>", "x.html"),
}


@pytest.mark.parametrize("case", sorted(GARBAGE))
def test_garbage_gives_document_error(case: str) -> None:
    data, name = GARBAGE[case]
    error = refused(parse_bytes, data, name)
    message = str(error)
    assert message and "\n" not in message


def test_random_binary_really_is_binary() -> None:
    assert b"\x00" in RANDOM_BINARY[:4096]


@pytest.mark.parametrize(
    "data",
    [
        b'{"vraagdata": {"a": {"vraag": [1, 2]}}}',
        b'{"vraagdata": {"a": {"vraag": [1, [2]]}}}',
        b'{"vraagdata": {"a": {"vraag": {"x": 1, "y": 2}}}}',
    ],
)
def test_malformed_record_json_gives_document_error(data: bytes) -> None:
    refused(parse_bytes, data, "x.json")


@pytest.mark.parametrize(
    "data",
    [
        b"<kamervragen><vraag><nr>Vraag " + b"9" * 5000 + b"</nr><al>x?</al></vraag></kamervragen>",
        b'<html><body><div class="vraag"><h2>Vraag ' + b"9" * 5000 + b"</h2><p>x</p></div></body></html>",
    ],
)
def test_huge_label_number_does_not_crash(data: bytes) -> None:
    try:
        parse_bytes(data, "x.xml")
    except DocumentError:
        pass


PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"<?xml version='1.0'?>",
    b"<html>",
    b"<",
    b"{",
    b"\xef\xbb\xbf",
]
NAMES = ["x.txt", "x.pdf", "x.docx", "x.xml", "x.html", "x.json", "x"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=500), st.sampled_from(NAMES))
def test_random_bytes_only_ever_give_document_error(prefix: bytes, body: bytes, name: str) -> None:
    try:
        records = parse_bytes(prefix + body, name)
    except DocumentError as exc:
        assert str(exc)
    else:
        assert isinstance(records, list)


# -- encodings and what counts as text (issue 10) ---------------------------------------------

KAMERVRAGEN_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<kamervragen><vraag><nr>Vraag 1</nr><al>Weet u dat het één uur is?</al></vraag>"
    "<antwoord><nr>Antwoord 1</nr><al>Ja, dat weet ik.</al></antwoord></kamervragen>"
)
KAMERVRAGEN_TEXT = (
    "Vragen van het lid Jansen (D66) aan de minister van Financiën over de rente "
    "(ingezonden 3 januari 2024).\nVraag 1\nIs de rente gestegen?\nAntwoord 1\nJa, met één procent.\n"
)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + KAMERVRAGEN_XML.encode(),  # a UTF-8 byte-order mark
        KAMERVRAGEN_XML.replace("UTF-8", "UTF-16").encode("utf-16"),  # with its own mark
        KAMERVRAGEN_XML.replace("UTF-8", "UTF-16").encode("utf-16-le"),  # without one
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-le-no-bom"],
)
def test_xml_in_any_unicode_encoding_is_read_as_xml(data: bytes) -> None:
    [record] = parse_bytes(data, "x.xml")
    assert [q.text for q in record.questions] == ["Weet u dat het één uur is?"]
    assert [a.text for a in record.answers] == ["Ja, dat weet ik."]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_text_in_any_usual_encoding_is_read(encoding: str) -> None:
    [record] = parse_bytes(KAMERVRAGEN_TEXT.encode(encoding), "x.txt")
    assert [a.text for a in record.answers] == ["Ja, met één procent."]


def test_bytes_without_nul_but_full_of_controls_are_no_text() -> None:
    rng = random.Random(10)
    data = bytes(rng.choice([b for b in range(1, 256) if b != 0]) for _ in range(20_000))
    message = str(refused(parse_bytes, data, "x.txt"))
    assert message == "it is a binary file, not text (control characters throughout)"


def test_a_device_is_refused_unread() -> None:
    from kamervragen.extract import read_document

    with pytest.raises(DocumentError, match="not a regular file"):
        read_document("/dev/zero")


def test_superscript_digits_alone_on_a_line_are_no_numbers() -> None:
    # found by the fuzz run of 4 December 2026: '²' passed str.isdigit() and failed int()
    text = "Vragen van het lid Jansen (D66) (ingezonden 3 januari 2024).\n²\nIs dat zo?\n³\nEn dit?\n"
    [record] = parse_bytes(text.encode(), "x.txt")
    assert record.questions
