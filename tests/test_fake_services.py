"""The fake SyncFeed and KOOP services: schema-valid entities, paging, SRU, and each fault."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from lxml import etree

from kamervragen.parse import parse_bytes
from tests.fake_services import ANSWER, ATOM, CATEGORIES, TK, TOKEN_BASE, FakeServices, Faults, History

SRU = "{http://docs.oasis-open.org/ns/search-ws/sruResponse}"
GZD = "{http://standaarden.overheid.nl/sru}"
XS = "http://www.w3.org/2001/XMLSchema"


class _MissingIncludes(etree.Resolver):
    """The corpus holds only some of the tkData XSDs that tkData-v1-0.xsd includes: a missing
    one resolves to an empty schema, and the ISO 8601 week types that base.xsd's ``datum``
    union names are stubbed (the fake uses none of them)."""

    WEEKS = (
        '<xs:simpleType name="gYearWeek"><xs:restriction base="xs:string">'
        '<xs:pattern value="[0-9]{4}-W[0-9]{2}"/></xs:restriction></xs:simpleType>'
        '<xs:simpleType name="gYearWeekDay"><xs:restriction base="xs:string">'
        '<xs:pattern value="[0-9]{4}-W[0-9]{2}-[1-7]"/></xs:restriction></xs:simpleType>'
    )

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        if Path(url).is_file():
            return None
        body = self.WEEKS if url.endswith("iso-8601.xsd") else ""
        return self.resolve_string(
            f'<xs:schema xmlns:xs="{XS}" targetNamespace="{TK}">{body}</xs:schema>', context
        )


@pytest.fixture(scope="module")
def schema(corpus: Path) -> etree.XMLSchema:
    top = corpus / "tk-syncfeed-xsd" / "tkData-v1-0.xsd"
    if not top.is_file():
        pytest.skip(
            f"SyncFeed XSDs not found at {top.parent}; set KAMERVRAGEN_CORPUS to the shared corpus folder"
        )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_MissingIncludes())
    return etree.XMLSchema(etree.parse(str(top), parser))


def token(element: etree._Element) -> int:
    href = element.find(f"{{{ATOM}}}link[@rel='next']").get("href")
    return int(parse_qs(urlsplit(href).query)["skiptoken"][0])


def walk(
    client: httpx.Client, url: str, category: str, skiptoken: int = 0
) -> tuple[list[etree._Element], int]:
    """All entity elements of a category after skiptoken, following the feed's ``next`` links;
    and the token of the last entry (each entry's own ``next`` link)."""
    entities: list[etree._Element] = []
    page = f"{url}/SyncFeed/2.0/Feed?category={category}" + (f"&skiptoken={skiptoken}" if skiptoken else "")
    while page:
        response = client.get(page)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
        feed = etree.fromstring(response.content)
        for entry in feed.iter(f"{{{ATOM}}}entry"):
            entities.append(entry.find(f"{{{ATOM}}}content")[0])
            assert token(entry) > skiptoken
            skiptoken = token(entry)
        link = feed.find(f"{{{ATOM}}}link[@rel='next']")
        page = link.get("href") if link is not None else ""
    return entities, skiptoken


def sru_walk(
    client: httpx.Client, url: str, query: str = "c.product-area==officielepublicaties"
) -> list[str]:
    items, start = [], 1
    while start:
        params: dict[str, str | int] = {
            "version": "2.0",
            "operation": "searchRetrieve",
            "query": query,
            "startRecord": start,
            "maximumRecords": 7,
        }
        root = etree.fromstring(client.get(f"{url}/sru", params=params).content)
        items += [r.findtext(f".//{GZD}itemUrl[@manifestation='xml']") for r in root.iter(f"{SRU}record")]
        start = int(root.findtext(f"{SRU}nextRecordPosition") or 0)
    return items


def test_history_is_deterministic_and_has_every_kind() -> None:
    a, b = History(400, seed=5, mededeling_share=0.05), History(400, seed=5, mededeling_share=0.05)
    assert a.events == b.events and a.events != History(400, seed=6, mededeling_share=0.05).events
    soorten = {e.get("soort") for e in a.events if e.category == "Document"}
    assert soorten >= {
        "Schriftelijke vragen",
        "Mededeling (uitstel antwoord)",
        ANSWER,
        f"{ANSWER} (nader)",
        "Mededeling",
    }
    assert [e.bijgewerkt for e in a.events] == sorted(e.bijgewerkt for e in a.events)
    assert {e.get("relatie") for e in a.events if e.category == "ZaakActor"} == {
        "Indiener",
        "Medeindiener",
        "Gericht aan",
    }


def test_every_entity_validates_against_the_xsd(schema: etree.XMLSchema) -> None:
    history = History(60, seed=3)
    history.advance(new_cases=5, updates=5, deletions=5)
    with FakeServices(history, page_size=40) as fake, httpx.Client() as client:
        for category in CATEGORIES:
            entities, _ = walk(client, fake.url, category)
            assert entities, category
            for element in entities:
                assert schema.validate(element), f"{category}: {schema.error_log}"
    assert history.deleted


def test_zaak_paging_and_incremental_walk() -> None:
    history = History(120, seed=2)
    zaken = {e.id for e in history.events if e.category == "Zaak"}
    with FakeServices(history, page_size=25) as fake, httpx.Client() as client:
        entities, last = walk(client, fake.url, "Zaak")
        ids = [e.get("id") for e in entities]
        assert len(ids) == len(set(ids)) == len(zaken) == 120 and set(ids) == zaken
        # Tokens are global sequence numbers, in the millions as the real feed's are.
        assert last > TOKEN_BASE
        assert fake.requests["feed"] == 5 and history.events[last - TOKEN_BASE - 1].id == ids[-1]
        history.advance(new_cases=10, updates=6, deletions=4)
        new, _ = walk(client, fake.url, "Zaak", last)
        wanted = [
            (e.id, e.verwijderd)
            for s, e in enumerate(history.events, 1)
            if s > last - TOKEN_BASE and e.category == "Zaak"
        ]
        assert [(e.get("id"), e.get(f"{{{TK}}}verwijderd") == "true") for e in new] == wanted
        assert len(new) >= 10
    expected = history.expected()
    assert all(zaak_id not in history.deleted for zaak_id in (z["id"] for z in expected.values()))
    assert len(expected) == 130 - sum(
        history.current[z].verwijderd for z in zaken | {e.get("id") for e in new}
    )
    asked = [n for n, z in expected.items() if ("Schriftelijke vragen", n) in z["documents"]]
    assert len(asked) >= len(expected) - 4


def test_sru_paging_and_documents_parse() -> None:
    history = History(80, seed=4)
    answers = {a.identifier: a for a in history.live_answers()}
    with FakeServices(history) as fake, httpx.Client() as client:
        urls = sru_walk(client, fake.url)
        assert sorted(u.rsplit("/", 1)[1].removesuffix(".xml") for u in urls) == sorted(answers)
        for url in urls[:12]:
            a = answers[url.rsplit("/", 1)[1].removesuffix(".xml")]
            metadata = client.get(url.replace(f"/xml/{a.identifier}.xml", "/metadata/metadata.xml")).content
            record = parse_bytes(client.get(url).content, f"{a.identifier}.xml", metadata_xml=metadata)[0]
            assert (record.id, record.case_number, record.submitted_on) == (
                a.identifier,
                a.case.nummer,
                str(a.case.submitted),
            )
            assert [q.text for q in record.questions] == [q for q, _ in a.qa]
            assert [x.text for x in record.answers] == [x for _, x in a.qa]
        since = sorted(a.modified for a in answers.values())[len(answers) // 2]
        recent = sru_walk(
            client, fake.url, f'w.publicatienaam=="Kamervragen (Aanhangsel)" and dcterms.modified>={since}'
        )
        assert len(recent) == sum(a.modified >= since for a in answers.values()) < len(answers)


def test_recorded_answer_is_served(corpus: Path) -> None:
    with FakeServices(History(3), recorded=corpus / "koop") as fake, httpx.Client() as client:
        url = next(u for u in sru_walk(client, fake.url) if "20202021-3235" in u)
        metadata = client.get(url.replace("/xml/ah-tk-20202021-3235.xml", "/metadata/metadata.xml")).content
        record = parse_bytes(client.get(url).content, "ah-tk-20202021-3235.xml", metadata_xml=metadata)[0]
    assert record.case_number == "2021Z09739" and len(record.questions) == 9


@pytest.mark.parametrize("fault", ["timeout", "error500", "unavailable", "truncate"])
def test_failing_responses(fault: str) -> None:
    faults = Faults(sleep_seconds=1.0)
    setattr(faults, fault, 1.0)
    with FakeServices(History(5), faults=faults) as fake, httpx.Client(timeout=0.3) as client:
        url = f"{fake.url}/SyncFeed/2.0/Feed?category=Zaak"
        if fault == "timeout":
            with pytest.raises(httpx.ReadTimeout):
                client.get(url)
        elif fault == "truncate":
            with pytest.raises(httpx.RemoteProtocolError):
                client.get(url)
        else:
            response = client.get(url)
            assert response.status_code == (500 if fault == "error500" else 503)
            assert fault == "error500" or response.headers["retry-after"] == "1"
        assert fake.fired == {fault: 1}


def test_truncate_without_length_gives_cut_xml() -> None:
    with FakeServices(History(5), faults=Faults(truncate=1.0, truncate_declares_length=False)) as fake:
        response = httpx.get(f"{fake.url}/sru?query=x")
    assert response.status_code == 200 and fake.fired["truncate"] == 1
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(response.content)


def test_duplicate_repeats_the_last_entry_of_the_previous_page() -> None:
    with (
        FakeServices(History(30), page_size=10, faults=Faults(duplicate=1.0)) as fake,
        httpx.Client() as client,
    ):
        first = etree.fromstring(client.get(f"{fake.url}/SyncFeed/2.0/Feed?category=Zaak").content)
        second = etree.fromstring(client.get(first.find(f"{{{ATOM}}}link").get("href")).content)
    titles = [
        [e.findtext(f"{{{ATOM}}}title") for e in feed.iter(f"{{{ATOM}}}entry")] for feed in (first, second)
    ]
    assert titles[1][0] == titles[0][-1] and len(titles[1]) == 11 and fake.fired["duplicate"] == 1


def test_delete_after_fetch_emits_a_later_deletion() -> None:
    history = History(30)
    with (
        FakeServices(history, page_size=10, faults=Faults(delete_after_fetch=1.0)) as fake,
        httpx.Client() as client,
    ):
        first = etree.fromstring(client.get(f"{fake.url}/SyncFeed/2.0/Feed?category=Zaak").content)
        victim = first.find(f".//{{{TK}}}zaak").get("id")
        entities, _ = walk(client, fake.url, "Zaak", token(first))
    assert any(e.get("id") == victim and e.get(f"{{{TK}}}verwijderd") == "true" for e in entities)
    assert victim in history.deleted and victim not in {z["id"] for z in history.expected().values()}
    assert fake.fired["delete_after_fetch"] >= 1


def test_faults_are_deterministic_per_request_number() -> None:
    def statuses() -> list[int]:
        with FakeServices(History(5), faults=Faults(error500=0.5, seed=7)) as fake, httpx.Client() as client:
            return [client.get(f"{fake.url}/sru?query=x").status_code for _ in range(20)]

    first = statuses()
    assert first == statuses() and {200, 500} == set(first)


def test_limit_and_kinds_bound_the_faults() -> None:
    faults = Faults(unavailable=1.0, limit=2, kinds=frozenset({"sru"}))
    with FakeServices(History(5), faults=faults) as fake, httpx.Client() as client:
        assert client.get(f"{fake.url}/SyncFeed/2.0/Feed?category=Zaak").status_code == 200
        assert [client.get(f"{fake.url}/sru?query=x").status_code for _ in range(3)] == [503, 503, 200]
    assert fake.requests == {"feed": 1, "sru": 3} and fake.fired == {"unavailable": 2}
