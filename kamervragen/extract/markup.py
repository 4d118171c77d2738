"""KOOP XML and HTML of officielebekendmakingen.nl, their ``metadata.xml``, and records
that carry KOOP XML fragments per question (wetsuite). The markup names the blocks, so
these formats skip segmentation.

XML is parsed with entity resolution, DTD loading and network access switched off, and a
document that declares entities is refused outright: no XXE, no billion laughs.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from lxml import etree, html

from kamervragen.extract import Block, DocumentError, Extracted, NotKamervragen

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def parse_xml(data: bytes) -> etree._Element:
    if _ENTITY_DECL.search(data[:65536]) or b"<!DOCTYPE" in data[:65536] and b"[" in data[:65536]:
        raise DocumentError("the XML declares entities, which are refused (possible XXE or entity bomb)")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"malformed XML ({exc.msg})") from None
    # The byte check above misses a DOCTYPE after a long comment or in UTF-16: ask the
    # parsed document itself whether it declares entities.
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise DocumentError("the XML declares entities, which are refused (possible XXE or entity bomb)")
    return root


def _text_without_notes(element: etree._Element) -> tuple[str, list[str], list[tuple[str, str]]]:
    """Text of an element with footnotes (``<noot>``) pulled out, paragraphs kept apart."""
    refs: list[str] = []
    notes: list[tuple[str, str]] = []
    paragraphs: list[str] = []

    def walk(node: etree._Element, out: list[str]) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "noot":
                number = _squash("".join(child.findtext("noot.nr") or ""))
                body = " ".join(_squash("".join(al.itertext())) for al in child.iter("noot.al"))
                for ref in child.iter("extref"):
                    target = ref.get("doc") or ""
                    if ref.get("soort") == "URL" and target and target not in body:
                        body += f" ({target})"
                refs.append(number)
                notes.append((number, body))
            elif tag == "nr":
                pass
            else:
                walk(child, out)
            if child.tail:
                out.append(child.tail)

    als = [al for al in element.iter("al") if al.getparent() is not None and al.getparent().tag != "noot"]
    for al in als or [element]:
        parts: list[str] = []
        walk(al, parts)
        text = _squash("".join(parts))
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs), refs, notes


def _meta(root: etree._Element) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for node in root.iter("meta", "metadata"):
        name, content = node.get("name"), node.get("content")
        if name and content is not None:
            meta.setdefault(name, []).append(content.strip())
    return meta


def _blocks_from_kamervragen(root: etree._Element, extracted: Extracted) -> None:
    blocks: list[Block] = []
    for node in root.iter("kamervraagomschrijving", "vraag", "antwoord", "mededeling"):
        tag = node.tag
        if tag == "kamervraagomschrijving" or tag == "mededeling":
            if node.getparent() is not None and node.getparent().tag in ("vraag", "antwoord"):
                continue
            text, _, notes = (
                _text_without_notes(node)
                if tag == "mededeling"
                else (_squash("".join(node.itertext())), [], [])
            )
            extracted.heading.append(text)
            extracted.footnotes.extend(notes)
            continue
        kind: Literal["question", "answer"] = "question" if tag == "vraag" else "answer"
        label = _squash("".join(node.findtext("nr") or ""))
        text, refs, notes = _text_without_notes(node)
        extracted.footnotes.extend(notes)
        blocks.append(Block(kind=kind, label=label, text=text, footnote_refs=refs))
    extracted.blocks = blocks
    for tekstregel in root.iter("tekstregel"):
        extracted.meta.setdefault("kop." + (tekstregel.get("inhoud") or ""), []).append(
            _squash("".join(tekstregel.itertext()))
        )
    number = root.findtext(".//kamervraagnummer")
    if number:
        extracted.meta.setdefault("kop.kamervraagnummer", []).append(number.strip())


def extract_xml(data: bytes) -> Extracted:
    root = parse_xml(data)
    extracted = Extracted(format="xml", meta=_meta(root))
    if (
        root.tag == "metadata_gegevens"
        or root.find(".//kamervragen") is None
        and not list(root.iter("vraag", "antwoord"))
    ):
        raise NotKamervragen(
            "the XML holds no Kamervragen (<kamervragen>, <vraag> or <antwoord>); "
            "a metadata.xml is read beside its document, not alone"
        )
    _blocks_from_kamervragen(root, extracted)
    return extracted


_OWMS_PREFIX = {
    "http://purl.org/dc/terms/": "DC.",
    "http://standaarden.overheid.nl/oep/meta/": "OVERHEIDop.",
    "http://standaarden.overheid.nl/owms/terms/": "OVERHEID.",
}


def read_metadata(data: bytes) -> dict[str, list[str]]:
    """Fields of a KOOP ``metadata.xml`` (``<metadata name= content=>``) or of its OWMS
    form (``<owms-metadata>`` with one element per field), as name → values under the
    ``metadata.xml`` names (``OVERHEIDop.vraagnummer``, ``DC.identifier``)."""
    root = parse_xml(data)
    meta = _meta(root)
    for node in root.iter():
        if not isinstance(node.tag, str) or len(node) or not (node.text or "").strip():
            continue
        qname = etree.QName(node)
        prefix = _OWMS_PREFIX.get(qname.namespace or "")
        if prefix:
            meta.setdefault(prefix + qname.localname, []).append(node.text.strip())
    return meta


def extract_html(data: bytes) -> Extracted:
    try:
        root = html.fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"malformed HTML ({exc})") from None
    extracted = Extracted(format="html", meta=_meta(root))
    blocks: list[Block] = []
    for node in root.iter("h1", "div", "p"):
        classes = (node.get("class") or "").split()
        if "kamervraagomschrijving_kop" in classes:
            extracted.heading.append(_squash(node.text_content()))
        elif node.tag == "div" and ("vraag" in classes or "antwoord" in classes):
            label_node = node.find(".//h2")
            label = _squash(label_node.text_content()) if label_node is not None else ""
            refs: list[str] = []
            paragraphs = []
            for p in node.iter("p"):
                for sup in p.iter("sup"):
                    refs.append(_squash(sup.text_content()))
                    sup.drop_tree()
                paragraphs.append(_squash(p.text_content()))
            kind: Literal["question", "answer"] = "question" if "vraag" in classes else "answer"
            blocks.append(Block(kind, label, "\n\n".join(t for t in paragraphs if t), refs))
        elif "voetnoot" in " ".join(classes) or "noot" in classes:
            text = _squash(node.text_content())
            m = re.match(r"(\d+)\s*(.*)", text)
            if m:
                extracted.footnotes.append((m.group(1), m.group(2)))
    if not blocks and not extracted.heading:
        raise NotKamervragen("the HTML holds no Kamervragen (no vraag or antwoord blocks)")
    extracted.blocks = blocks
    return extracted


def extract_record_json(data: bytes) -> Extracted:
    """A structured record whose ``vraagdata`` holds KOOP XML fragments per question."""
    try:
        return _record_json(data)
    except (AttributeError, TypeError, KeyError, IndexError):
        raise DocumentError("the JSON record is malformed (vraagdata is not text per question)") from None


def _record_json(data: bytes) -> Extracted:
    try:
        record = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(f"malformed JSON ({exc})") from None
    if not isinstance(record, dict) or not isinstance(record.get("vraagdata"), dict):
        raise DocumentError("the JSON is not a record with vraagdata")
    extracted = Extracted(format="record-json", blocks=[])
    for key in ("identifier", "vergaderjaar", "available", "issued"):
        if isinstance(record.get(key), str):
            extracted.meta[key] = [record[key]]
    seen: set[str] = set()

    def first_number(key: str) -> int:
        digits = re.findall(r"\d+", key)
        return int(digits[0]) if digits else 0

    for _, entry in sorted(record["vraagdata"].items(), key=lambda item: first_number(item[0])):
        for tag in ("vraag", "antwoord"):
            pair = entry.get(tag) if isinstance(entry, dict) else None
            if not pair or len(pair) < 2 or pair[1] in seen:
                continue
            seen.add(pair[1])
            node = parse_xml(pair[1].encode("utf-8"))
            text, refs, notes = _text_without_notes(node)
            label = _squash(node.findtext("nr") or "")
            kind: Literal["question", "answer"] = "question" if tag == "vraag" else "answer"
            assert extracted.blocks is not None
            extracted.blocks.append(Block(kind, label, text, refs))
            extracted.footnotes.extend(notes)
    return extracted
