"""The source clients on recorded real responses and on a mock transport; case rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from kamervragen import life
from kamervragen.cases import QUESTIONS, Case, Document, assess
from kamervragen.sources import sru, syncfeed
from kamervragen.sources.http import USER_AGENT, Client, FetchError

ANSWER, DELAY, NOTICE = "Antwoord schriftelijke vragen", "Mededeling (uitstel antwoord)", "Mededeling"


def test_recorded_sru_responses_parse(corpus: Path) -> None:
    page = sru.parse_response((corpus / "koop" / "plooi-test-sru.xml").read_bytes())
    assert page.total == 76 and len(page.records) == 10 and page.next_position == 11
    first = page.records[0]
    assert first.identifier == "blg-998035"
    assert first.metadata_url and first.metadata_url.endswith("/metadata/metadata.xml")
    three = sru.parse_response((corpus / "koop" / "sru-searchRetrieve-3records.xml").read_bytes())
    assert three.total == 3 and [r.identifier for r in three.records][0] == "kst-32545-143"
    assert three.next_position is None


def test_sru_query_names_the_publication() -> None:
    assert (
        sru.query(sru.PUBLICATIONS[0], "2024-01-01")
        == 'w.publicatienaam=="Kamervragen (Aanhangsel)" and dt.modified>=2024-01-01'
    )


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Zaak</title>
  <link rel="next" href="https://example.test/SyncFeed/2.0/Feed?category=Zaak&amp;skiptoken=1234"/>
  <entry>
    <title>0a1b2c3d-0000-0000-0000-000000000001</title>
    <content type="application/xml">
      <zaak xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:tk="http://www.tweedekamer.nl/xsd/tkData/v1-0"
            id="0a1b2c3d-0000-0000-0000-000000000001" tk:bijgewerkt="2024-03-06T10:00:00Z" tk:verwijderd="false">
        <nummer>2024Z03843</nummer><soort>Schriftelijke vragen</soort><onderwerp>Iets nieuws</onderwerp>
        <gestartOp>2024-03-06T00:00:00</gestartOp><nieuwVeld>bewaard</nieuwVeld>
        <kamerstukdossier ref="0a1b2c3d-0000-0000-0000-000000000009"/>
      </zaak>
    </content>
  </entry>
  <entry>
    <title>0a1b2c3d-0000-0000-0000-000000000002</title>
    <content type="application/xml">
      <document xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" id="0a1b2c3d-0000-0000-0000-000000000002" verwijderd="true"/>
    </content>
  </entry>
</feed>"""


def test_syncfeed_page_keeps_unknown_fields_and_sees_deletions() -> None:
    page = syncfeed.parse_page(FEED)
    assert page.next_token == "1234"
    zaak, deleted = page.entities
    assert zaak.category == "zaak" and zaak.fields["nummer"] == "2024Z03843"
    assert zaak.fields["nieuwVeld"] == "bewaard", "unknown fields are kept"
    assert zaak.refs == {"kamerstukdossier": ["0a1b2c3d-0000-0000-0000-000000000009"]}
    assert not zaak.deleted and deleted.deleted


def test_client_retries_honours_retry_after_and_names_the_user_agent() -> None:
    calls: list[httpx.Request] = []
    answers = [
        httpx.Response(503, headers={"Retry-After": "7"}),
        httpx.Response(500),
        httpx.Response(200, content=b"ok"),
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return answers.pop(0)

    waits: list[float] = []
    client = Client(transport=httpx.MockTransport(handler), sleep=waits.append, backoff=0.5)
    assert client.get("https://example.test/x") == b"ok"
    assert waits == [7.0, 1.0] and all(c.headers["User-Agent"] == USER_AGENT for c in calls)


def test_client_gives_up_in_one_sentence() -> None:
    client = Client(transport=httpx.MockTransport(lambda r: httpx.Response(404)), sleep=lambda s: None)
    with pytest.raises(FetchError, match=r"https://example.test/y: the server answered 404"):
        client.get("https://example.test/y")

    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client = Client(transport=httpx.MockTransport(timeout), sleep=lambda s: None, retries=2)
    with pytest.raises(FetchError, match="no answer in time, also after 2 retries"):
        client.get("https://example.test/z")


def case(*documents: Document, termijn: str | None = None) -> Case:
    return Case("2024Z00001", "z", "t", "2024-01-01", termijn=termijn, documents=list(documents))


@pytest.mark.parametrize(
    ("documents", "termijn", "status", "due", "days"),
    [
        (
            [Document("q", QUESTIONS, "2024-01-01"), Document("a", ANSWER, "2024-01-22")],
            None,
            "answered",
            "2024-01-22",
            21,
        ),
        ([Document("a", ANSWER, "2024-01-23")], None, "answered_late", "2024-01-22", 22),
        (
            [Document("n", DELAY, "2024-01-20"), Document("a", ANSWER, "2024-02-12")],
            None,
            "answered",
            "2024-02-12",
            42,
        ),
        (
            [Document("n", DELAY, "2024-01-20"), Document("a", ANSWER, "2024-02-13")],
            None,
            "answered_late",
            "2024-02-12",
            43,
        ),
        ([], None, "overdue", "2024-01-22", None),
        ([Document("n", DELAY, "2024-01-20")], None, "open", "2024-02-12", None),
        ([Document("m", NOTICE, "2024-01-10", notice="withdrawn")], None, "withdrawn", "2024-01-22", None),
        # A Mededeling not read yet says nothing: the case is still open (or overdue).
        ([Document("m", NOTICE, "2024-01-10")], None, "overdue", "2024-01-22", None),
        ([Document("a", ANSWER, "2024-02-01")], "2024-02-05", "answered", "2024-02-05", 31),
    ],
)
def test_case_rules(
    documents: list[Document], termijn: str | None, status: str, due: str, days: int | None
) -> None:
    assessed = assess(case(*documents, termijn=termijn))
    on = date(2024, 2, 1)
    assert (life.status(assessed.status, assessed.due_on, on), assessed.due_on, assessed.days_taken) == (
        status,
        due,
        days,
    )


def test_every_recorded_koop_response_is_read(corpus: Path) -> None:
    from kamervragen.extract.markup import read_metadata
    from kamervragen.parse import parse_path

    koop = corpus / "koop"
    for name in ("ah-tk-20202021-3235.xml", "ah-tk-20202021-3235.html", "ah-tk-20202021-3235.pdf"):
        [record] = parse_path(koop / name)
        assert record.id == "ah-tk-20202021-3235" and len(record.questions) == 9, name
    metadata = read_metadata((koop / "ah-tk-20202021-3235.metadata.xml").read_bytes())
    assert metadata["OVERHEIDop.vraagnummer"] == ["2021Z09739"]
    owms = read_metadata((koop / "ah-tk-20202021-3235.metadata_owms.xml").read_bytes())
    assert owms["DC.identifier"] == ["ah-tk-20202021-3235"]
    question = read_metadata((koop / "plooi-test-metadata_owms-kv-tk.xml").read_bytes())
    assert question["OVERHEIDop.vraagnummer"] == ["2020Z13248"] and question["DC.identifier"] == [
        "kv-tk-2020Z13248"
    ]
    for name in ("plooi-test-metadata_owms-ah.xml", "plooi-test-metadata_owms-kv-ek.xml"):
        assert read_metadata((koop / name).read_bytes()).get("DC.identifier"), name
    [single] = sru.parse_response((koop / "plooi-test-sru_record_kv_onopgemaakt.xml").read_bytes()).records
    assert single.identifier and single.metadata_url


def test_an_sru_answer_whose_count_is_no_number_is_refused_naming_the_url() -> None:
    page = (
        b'<searchRetrieveResponse xmlns="http://docs.oasis-open.org/ns/search-ws/sruResponse">'
        b"<numberOfRecords>veel</numberOfRecords><records/></searchRetrieveResponse>"
    )
    with pytest.raises(sru.DocumentError) as refused:
        next(sru.search(lambda url, params: page, "https://repository.example", "q"))
    message = str(refused.value)
    assert message.startswith("https://repository.example/sru?")
    assert message.endswith("the SRU answer's numberOfRecords is not a number ('veel')")
    assert "\n" not in message


def test_client_refuses_an_answer_over_the_limit_and_names_the_whole_request() -> None:
    big = httpx.MockTransport(lambda r: httpx.Response(200, content=b"x" * 5_000))
    client = Client(transport=big, sleep=lambda s: None, max_bytes=1_000)
    with pytest.raises(FetchError) as refused:
        client.get("https://example.test/sru", {"query": "a b", "startRecord": "101"})
    assert (
        str(refused.value)
        == "https://example.test/sru?query=a+b&startRecord=101: the answer is larger than 1,000 bytes"
    )
