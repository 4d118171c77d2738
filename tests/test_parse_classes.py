"""The parser on six classes of hard cases (issue 9), each tried on a few documents written
for these tests (``tests/fixtures/classes``): realistic Dutch Kamervragen, invented content.

Every expected value was written down from the fixture itself, never copied from parser
output. A case the parser gets wrong today is a strict xfail with a one-line reason, so the
suite stays green and a fix shows up as an XPASS (which fails the run until the mark goes).

Each test compares only the fields given in its ``expected`` dict (see :func:`check`);
texts are compared with runs of whitespace made single spaces.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from kamervragen.parse import parse_bytes
from kamervragen.record import Record

FIXTURES = Path(__file__).parent / "fixtures" / "classes"


def fails(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def parse(name: str) -> Record:
    """Parse one fixture. A ``.paragraphs`` file (one paragraph a line) becomes a Word file."""
    path = FIXTURES / name
    if path.suffix == ".paragraphs":
        [record] = parse_bytes(docx_bytes(path.read_text().splitlines()), path.stem + ".docx")
    else:
        [record] = parse_bytes(path.read_bytes(), name)
    return record


def flat(text: str) -> str:
    return " ".join(text.split())


SCALARS = (
    "id kind session_year appendix_number case_number title submitted_on received_on unanswered"
).split()


def check(record: Record, expected: dict[str, Any]) -> None:
    """Compare the fields named in ``expected``:

    - scalars by name (``kind``, ``title``, ``session_year``, …; titles and dates as printed/ISO)
    - ``submitters``: [(name, party)]; ``addressees``: [(role, portfolio)];
      ``answered_by``: [(role, name, portfolio)]
    - ``questions``: {number: text}; ``question_footnotes``: {number: [footnote numbers]}
    - ``answers``: [(question numbers, text)], in document order
    - ``answer_footnotes``: [[footnote numbers] of each answer]
    - ``footnotes``: {number: [urls]}; ``footnote_texts``: {number: text}
    - ``see_also_mentions``: parts of the one "Zie ook" reference
    """
    for key in SCALARS:
        if key in expected:
            got = getattr(record, key)
            assert (flat(got) if key == "title" and got else got) == expected[key], key
    if "submitters" in expected:
        assert [(m.name, m.party) for m in record.submitters] == expected["submitters"]
    if "addressees" in expected:
        assert [(o.role, o.portfolio) for o in record.addressees] == expected["addressees"]
    if "answered_by" in expected:
        assert [(a.role, a.name, a.portfolio) for a in record.answered_by] == expected["answered_by"]
    if "questions" in expected:
        assert {q.number: flat(q.text) for q in record.questions} == expected["questions"]
    if "question_footnotes" in expected:
        got = {q.number: q.footnotes for q in record.questions if q.number in expected["question_footnotes"]}
        assert got == expected["question_footnotes"]
    if "answers" in expected:
        assert [(a.questions, flat(a.text)) for a in record.answers] == expected["answers"]
    if "footnotes" in expected:
        assert {f.number: f.urls for f in record.footnotes} == expected["footnotes"]
    if "answer_footnotes" in expected:
        assert [a.footnotes for a in record.answers] == expected["answer_footnotes"]
    if "see_also_mentions" in expected:
        [see_also] = record.see_also
        assert all(part in see_also for part in expected["see_also_mentions"]), see_also
    if "footnote_texts" in expected:
        texts = {f.number: flat(f.text) for f in record.footnotes}
        assert {n: texts.get(n) for n in expected["footnote_texts"]} == expected["footnote_texts"]


def all_texts(record: Record) -> str:
    return " ".join([q.text for q in record.questions] + [a.text for a in record.answers])


# -- 1. Names that look glued ---------------------------------------------------------------
# Surnames holding function words (Uit-ermark, Om-tzigt, Er-gin, Ver-meer, Geen-en) and real
# words beside them must stay exactly as printed: in the heading and inside the texts.

NAMES = [
    pytest.param(
        "names_uitermark_uwland.txt",
        {
            "submitters": [("Uwland", "NSC"), ("Inge van Dijk", "CDA")],
            "answered_by": [("Minister", "Uitermark", "Binnenlandse Zaken en Koninkrijksrelaties")],
            "questions": {
                1: "Bent u bekend met het bericht dat een op de drie gemeenten geen actueel plan heeft "
                "voor het herstel na een cyberaanval?",
                2: "Deelt u de mening van het lid Uwland dat Minister Uitermark hierin een regierol heeft, "
                "en zo ja, hoe vult u die rol in?",
                3: "Hoeveel gemeenten hebben sinds 2022 een oefening gehouden, zoals het lid Inge van Dijk "
                "eerder heeft gevraagd?",
            },
            "answers": [
                ([1], "Ja."),
                (
                    [2],
                    "Ja. Zoals ik het lid Uwland eerder heb laten weten, ondersteunt mijn ministerie "
                    "gemeenten via de Informatiebeveiligingsdienst. Ik heb hierover ook gesproken met het "
                    "lid Inge van Dijk tijdens het commissiedebat van 2 oktober 2024.",
                ),
                (
                    [3],
                    "Volgens de Informatiebeveiligingsdienst hebben 214 gemeenten sinds 2022 een oefening "
                    "gehouden. In de brief van Minister Uitermark van 20 september 2024 is aangegeven dat "
                    "dit aantal jaarlijks wordt gemonitord.",
                ),
            ],
        },
        id="uitermark-uwland-inge-van-dijk",
    ),
    pytest.param(
        "names_dijkgraaf_omtzigt.txt",
        {
            "submitters": [("Ergin", "DENK"), ("Omtzigt", "NSC")],
            "answered_by": [("Minister", "Dijkgraaf", "Onderwijs, Cultuur en Wetenschap")],
            "questions": {
                1: "Klopt het dat Minister Dijkgraaf in 2023 heeft toegezegd dat het lerarentekort in de "
                "grote steden uiterlijk in 2025 zou zijn gehalveerd?",
                2: "Wat is uw reactie op de stelling van het lid Ergin dat scholen in Rotterdam-Zuid "
                "structureel worden benadeeld?",
                3: "Bent u bereid deze vragen te beantwoorden voor het commissiedebat over het lerarentekort?",
            },
            "answers": [
                (
                    [1],
                    "Nee. Ik heb toegezegd dat het kabinet zich uitermate zal inspannen om het tekort in de "
                    "grote steden te verkleinen, maar geenszins dat het tekort in 2025 gehalveerd zou zijn.",
                ),
                (
                    [2],
                    "Ik deel de zorg van het lid Ergin en het lid Omtzigt over de scholen in Rotterdam-Zuid. "
                    "Het aantal onbevoegde leraren is daar sinds 2021 vermeerderd, omdat ervaren leraren "
                    "vaker vertrekken.",
                ),
                ([3], "Ja."),
            ],
        },
        id="dijkgraaf-ergin-omtzigt",
    ),
    pytest.param(
        "names_gelijkgezinde.txt",
        {
            "submitters": [("Wingelaar", "NSC"), ("Geenen", "GroenLinks-PvdA"), ("Vermeer", "BBB")],
            "answered_by": [("Minister", "Veldkamp", "Buitenlandse Zaken")],
            "title": "de samenwerking met gelijkgezinde landen bij de exportcontrole op geavanceerde "
            "chipmachines",
            "questions": {
                1: "Welke afspraken heeft Nederland gemaakt met de Verenigde Staten en gelijkgezinde landen "
                "over de exportcontrole op geavanceerde chipmachines?",
                2: "Deelt u de opvatting van het lid Geenen en het lid Vermeer dat de Kamer vooraf over "
                "nieuwe maatregelen moet worden geïnformeerd?",
                3: "Welke gelijkgezinde landen hebben inmiddels vergelijkbare maatregelen genomen?",
            },
            "answers": [
                (
                    [1],
                    # "en" ends one printed line and "gelijkgezinde" begins the next.
                    "Nederland werkt op dit terrein nauw samen met de Europese Unie en gelijkgezinde landen. "
                    "Een formele overeenkomst is er niet; er zijn wel bilaterale afspraken over "
                    "informatie-uitwisseling.",
                ),
                (
                    [2],
                    "Ja. Ik heb het lid Wingelaar en het lid Geenen toegezegd dat de Kamer ten minste een "
                    "week voor de inwerkingtreding van nieuwe maatregelen wordt geïnformeerd.",
                ),
                (
                    [3],
                    "Japan en het Verenigd Koninkrijk hebben vergelijkbare maatregelen genomen. Met deze en "
                    "andere gelijkgezinde landen vindt regelmatig overleg plaats.",
                ),
            ],
        },
        id="wingelaar-geenen-vermeer-gelijkgezinde",
    ),
    pytest.param(
        "names_van_der_plas.paragraphs",  # built into a .docx at run time
        {
            "submitters": [("Van der Plas", "BBB")],
            "answered_by": [("Minister", "Wiersma", "Landbouw, Visserij, Voedselzekerheid en Natuur")],
            "questions": {
                1: "Herinnert u zich de toezegging aan het lid Van der Plas dat geen enkele veehouder tegen "
                "zijn wil zal worden uitgekocht?",
                2: "Hoeveel veehouders hebben zich sinds 1 januari 2024 aangemeld voor de regeling?",
            },
            "answers": [
                (
                    [1],
                    "Ja. Die toezegging staat. Ook het lid Omtzigt en het lid Vermeer hebben hier tijdens "
                    "het debat van 10 oktober 2024 naar gevraagd.",
                ),
                (
                    [2],
                    "Sinds 1 januari 2024 hebben zich 312 veehouders aangemeld. Ik zal mevrouw Van der Plas "
                    "hierover in het volgende voortgangsbericht nader informeren.",
                ),
            ],
        },
        id="van-der-plas-docx",
    ),
]


@pytest.mark.parametrize(("name", "expected"), NAMES)
def test_names_that_look_glued_stay_whole(name: str, expected: dict[str, Any]) -> None:
    record = parse(name)
    check(record, expected)
    assert "engelijkgezinde" not in record.model_dump_json()


# -- 2. Every line break lost -----------------------------------------------------------------
# The whole document on one line: with spaces where the breaks were, or with nothing at all.

ONE_LINE = [
    pytest.param(
        "oneline_spaces.txt",
        {
            "id": "ah-tk-20232024-1456",
            "submitters": [("Van Campen", "VVD"), ("Tielen", "VVD")],
            "submitted_on": "2024-03-12",
            "received_on": "2024-04-04",
            "questions": {
                1: "Bent u bekend met het bericht dat burgers soms maanden moeten wachten op een reactie van "
                "het Centraal Justitieel Incassobureau?",
                2: "Hoe lang is de gemiddelde wachttijd op dit moment?",
                3: "Welke maatregelen neemt u om de wachttijd te verkorten?",
            },
            "answers": [
                ([1], "Ja."),
                (
                    [2],
                    "De gemiddelde wachttijd voor een schriftelijke reactie bedroeg in februari 2024 zeven weken.",
                ),
                (
                    [3],
                    "Het Centraal Justitieel Incassobureau heeft sinds januari twintig extra medewerkers "
                    "aangenomen en vereenvoudigt de afhandeling van betalingsregelingen.",
                ),
            ],
        },
        id="spaces-full-header-beiden-vvd",
    ),
    pytest.param(
        "oneline_footnote.txt",
        {
            "id": "ah-tk-20242025-944",
            "submitters": [("Bikker", "ChristenUnie")],
            "questions": {
                1: "Kent u het bericht «Honderden kinderen wachten op een pleeggezin»?",
                2: "Hoeveel kinderen stonden op 1 november 2024 op een wachtlijst voor een pleeggezin?",
                3: "Welke stappen zet u om meer pleegouders te werven?",
                4: "Bent u bereid de Kamer voor de zomer over de voortgang te informeren?",
            },
            "question_footnotes": {1: ["1"]},
            "answers": [
                ([1], "Ja."),
                (
                    [2, 3],
                    "Volgens Pleegzorg Nederland stonden op 1 november 2024 ongeveer 780 kinderen op een "
                    "wachtlijst. Ik bespreek met gemeenten en pleegzorgaanbieders hoe meer pleegouders "
                    "kunnen worden geworven.",
                ),
                ([4], "Ja."),
            ],
            "footnotes": {
                "1": [
                    "https://www.nu.nl/binnenland/6338291/honderden-kinderen-wachten-op-een-pleeggezin.html"
                ]
            },
        },
        id="spaces-grouped-answer-and-footnote",
    ),
    pytest.param(
        "oneline_glued.txt",
        {
            "id": "ah-tk-20232024-1611",
            "submitters": [("Kostić", "PvdD")],
            "submitted_on": "2024-03-15",
            "questions": {
                1: "Hoeveel pluimveebedrijven zijn sinds oktober 2023 geruimd vanwege een uitbraak van vogelgriep?",
                2: "Hoeveel dieren zijn daarbij in totaal gedood?",
                3: "Bent u bereid om vaccinatie tegen vogelgriep zo snel mogelijk toe te staan?",
            },
            "answers": [
                (
                    [1],
                    "Sinds oktober 2023 zijn op veertien pluimveebedrijven dieren gedood vanwege een uitbraak "
                    "van vogelgriep.",
                ),
                ([2], "In totaal zijn ruim 1,2 miljoen dieren gedood."),
                (
                    [3],
                    "Ja. Het kabinet bereidt een proef met vaccinatie voor, die naar verwachting in het "
                    "najaar van start gaat.",
                ),
            ],
        },
        id="no-separator-at-the-lost-breaks",
    ),
]


@pytest.mark.parametrize(("name", "expected"), ONE_LINE)
def test_a_document_on_one_line(name: str, expected: dict[str, Any]) -> None:
    text = (FIXTURES / name).read_text()
    assert "\n" not in text.strip()  # the fixture really is one line
    check(parse(name), expected)


# -- 3. Many footnotes ------------------------------------------------------------------------
# Markers glued to words, question marks and brackets; bodies at the foot of the page, some
# with a URL broken over two lines or no URL at all. Bodies never end up in the texts.

FOOTNOTES = [
    pytest.param(
        "footnotes_thirteen.txt",
        {
            "kind": "questions",
            "case_number": "2024Z05123",
            "submitters": [("Kathmann", "GroenLinks-PvdA")],
            "questions": {
                1: "Bent u bekend met het bericht «Gemeenten gebruiken risicoalgoritmes zonder toezicht»?",
                2: "Hoe beoordeelt u de conclusie uit het rapport van de Algemene Rekenkamer dat negen van de "
                "vijftien onderzochte algoritmes niet voldoen aan de basiseisen?",
                3: "Kunt u ingaan op de uitspraak van de Raad van State en op het advies van de Autoriteit "
                "Persoonsgegevens (zie bijlage), waarin wordt gesteld dat profilering op nationaliteit "
                "altijd verboden is?",
                4: "Waarom zijn nog niet alle risicoalgoritmes van gemeenten opgenomen in het "
                "Algoritmeregister, terwijl u dat in de voortgangsbrief had toegezegd?",
                5: "Wat vindt u van de constatering van de Nationale ombudsman dat burgers niet weten dat een "
                "algoritme bij hun dossier is gebruikt, en van de aanbevelingen in het jaarverslag van de "
                "Autoriteit Persoonsgegevens?",
                6: "Hoe verhouden deze bevindingen zich tot de Europese AI-verordening en het wetsvoorstel ter "
                "uitvoering daarvan?",
                7: "Bent u bereid in overleg te treden met de Vereniging van Nederlandse Gemeenten en de Unie "
                "van Waterschappen (zie eerdere vragen) over een gezamenlijke aanpak?",
                8: "Kunt u deze vragen een voor een beantwoorden?",
            },
            "question_footnotes": {
                1: ["1"],
                2: ["2", "3"],
                3: ["4", "5"],
                4: ["6", "7"],
                5: ["8", "9"],
                6: ["10", "11"],
                7: ["12", "13"],
                8: [],
            },
            "footnotes": {
                "1": ["https://nos.nl/artikel/2512345-gemeenten-gebruiken-risicoalgoritmes-zonder-toezicht"],
                "2": ["https://www.rekenkamer.nl/publicaties/rapporten/2022/05/18/algoritmes-getoetst"],
                "3": [],
                "4": ["https://www.raadvanstate.nl/actueel/nieuws/@139012/profilering-nationaliteit/"],
                "5": [
                    "https://www.autoriteitpersoonsgegevens.nl/documenten/advies-profilering-op-nationaliteit"
                ],
                "6": ["https://algoritmes.overheid.nl"],
                "7": [],
                "8": [
                    "https://www.nationaleombudsman.nl/nieuws/2023/burgers-weten-niet-dat-algoritme-wordt-gebruikt"
                ],
                "9": ["https://www.autoriteitpersoonsgegevens.nl/documenten/jaarverslag-ap-2023"],
                "10": ["https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32024R1689"],
                "11": ["https://www.internetconsultatie.nl/uitvoeringswetai"],
                "12": ["https://vng.nl/nieuws/gemeenten-willen-landelijke-kaders-voor-algoritmes"],
                "13": [],
            },
            "footnote_texts": {
                "3": "Idem, blz. 12.",
                "7": "Kamerstuk 26 643, nr. 1097.",
                "13": "Aanhangsel Handelingen II 2022/23, nr. 2345.",
            },
        },
        id="thirteen-notes-on-one-page",
    ),
    pytest.param(
        "footnotes_answer_two_pages.txt",
        {
            "kind": "answer",
            "session_year": "2023-2024",  # printed with an en dash
            "questions": {
                1: "Kent u het rapport van het Centraal Planbureau over de hypotheekrenteaftrek?",
                2: "Hoeveel kostte de hypotheekrenteaftrek in 2023, en hoe verhoudt dat bedrag zich tot de "
                "raming in de Miljoenennota?",
                3: "Bent u bereid de Kamer te informeren over de verdelingseffecten van de "
                "hypotheekrenteaftrek?",
            },
            "question_footnotes": {1: ["1"], 2: ["2"], 3: []},
            "answer_footnotes": [[], ["3"], []],
            "answers": [
                ([1], "Ja."),
                (
                    [2],
                    # continues on page 2, after the footnote bodies and the page furniture
                    "In 2023 bedroegen de kosten van de hypotheekrenteaftrek ongeveer 10,6 miljard euro. Dat "
                    "is iets meer dan geraamd in de Miljoenennota. Het verschil wordt vooral verklaard door "
                    "de gestegen rente, zoals ook blijkt uit het rapport van de Studiegroep "
                    "Belastingstelsel. Het kabinet ziet op dit moment geen aanleiding om de afbouw van de "
                    "aftrek te versnellen.",
                ),
                (
                    [3],
                    "Ja, dat zal ik doen in de Fiscale beleidsagenda die voor de zomer naar de Kamer wordt "
                    "gestuurd.",
                ),
            ],
            "footnotes": {
                "1": ["https://www.cpb.nl/hypotheekrenteaftrek-en-woningmarkt"],
                "2": [],
                "3": [
                    "https://www.rijksoverheid.nl/documenten/rapporten/2022/04/08/"
                    "bouwstenen-voor-een-beter-belastingstelsel"
                ],
            },
        },
        id="answer-runs-past-the-page-foot",
    ),
    pytest.param(
        "footnotes_then_mededeling.txt",
        {
            "case_number": "2024Z19877",
            "submitters": [("Dobbe", "SP")],
            "questions": {
                1: "Bent u bekend met het bericht «SEH Heerlen gaat ’s nachts dicht»?",
                2: "Hoeveel inwoners van Parkstad wonen na de sluiting verder dan 45 minuten rijden van een "
                "spoedeisende hulp?",
                # the Mededeling that follows is not part of the last question
                3: "Bent u bereid met Zuyderland en de zorgverzekeraar in gesprek te gaan over het openhouden "
                "van de spoedeisende hulp?",
            },
            "question_footnotes": {1: ["1"], 2: ["2"], 3: []},
            "footnotes": {
                "1": ["https://www.l1.nl/nieuws/1987654/seh-heerlen-gaat-s-nachts-dicht"],
                "2": ["https://www.rivm.nl/publicaties/bereikbaarheidsanalyse-sehs-2024"],
            },
        },
        id="bare-numbers-then-mededeling",
    ),
    pytest.param(
        "footnotes_vraag_then_mededeling.txt",
        {
            "case_number": "2024Z10876",
            "submitters": [("Van Nispen", "SP")],
            "questions": {
                1: "Bent u bekend met het bericht «Rechtszaken lopen jaren vertraging op»?",
                2: "Klopt het dat de gemiddelde doorlooptijd van civiele zaken volgens het jaarverslag van de "
                "Rechtspraak (zie bijlage) met een kwart is gestegen?",
                # the Mededeling that follows is not part of the last question
                3: "Welke maatregelen neemt u om de achterstanden weg te werken?",
            },
            "question_footnotes": {1: ["1"], 2: ["2"], 3: []},
            "footnotes": {
                "1": ["https://nos.nl/artikel/2525252-rechtszaken-lopen-jaren-vertraging-op"],
                "2": ["https://www.rechtspraak.nl/Organisatie-en-contact/jaarverslag-2023"],
            },
        },
        id="vraag-labels-then-mededeling",
    ),
]


@pytest.mark.parametrize(("name", "expected"), FOOTNOTES)
def test_footnotes_found_and_kept_out_of_the_texts(name: str, expected: dict[str, Any]) -> None:
    record = parse(name)
    check(record, expected)
    texts = all_texts(record)
    for note in record.footnotes:
        for url in note.urls:
            assert url not in texts


# -- 4. Header variants -----------------------------------------------------------------------

HEADERS = [
    pytest.param(
        "header_see_also_without_nr.txt",
        {
            "id": "ah-tk-20242025-27",
            "session_year": "2024-2025",  # its own, not the 2023-2024 of the document it refers to
            "appendix_number": 27,
            "see_also_mentions": ["2023-2024", "1234"],
            "submitted_on": "2024-08-22",
            "received_on": "2024-09-30",
            "submitters": [("Bontenbal", "CDA")],
            "answered_by": [("Minister", "Hermans", "Klimaat en Groene Groei")],
            "questions": {
                1: "Klopt het dat de tender voor het windpark Nederwiek I is uitgesteld?",
                2: "Wat betekent dit uitstel voor het doel om in 2032 21 gigawatt wind op zee te realiseren?",
            },
            "answers": [
                ([1], "Ja. De tender is uitgesteld tot het voorjaar van 2025."),
                (
                    [2],
                    "Het kabinet houdt vast aan dat doel. Ik informeer de Kamer dit najaar over de gevolgen "
                    "van het uitstel.",
                ),
            ],
        },
        id="see-also-without-nr",
    ),
    pytest.param(
        "header_run_together.txt",
        {
            "case_number": "2024Z04442",
            "session_year": "2023-2024",
            "appendix_number": 1398,
            "title": "de kosten van de vervanging van de Afsluitdijk",
            "submitters": [("Kops", "PVV")],
            "addressees": [("Minister", "Infrastructuur en Waterstaat")],
            "questions": {
                1: "Hoeveel zijn de kosten van de versterking van de Afsluitdijk sinds de start van het "
                "project gestegen?",
                2: "Wanneer wordt het project naar verwachting opgeleverd?",
            },
            "answers": [
                (
                    [1],
                    "De kosten zijn sinds de start van het project met ongeveer 350 miljoen euro gestegen.",
                ),
                ([2], "Naar verwachting wordt het project in 2026 opgeleverd."),
            ],
        },
        id="session-year-glued-to-case-number",
    ),
    pytest.param(
        "header_website_title.txt",
        {
            "kind": "answer",
            "title": "de achterstanden bij de afhandeling van bezwaarschriften door de Belastingdienst",
            "submitters": [("Inge van Dijk", "CDA")],
            "addressees": [("Staatssecretaris", "Financiën")],
            "answered_by": [("Staatssecretaris", "Van Rij", "Financiën")],
            "submitted_on": "2024-02-05",
            "received_on": "2024-02-27",
            "questions": {
                1: "Hoeveel bezwaarschriften tegen aanslagen inkomstenbelasting liggen op dit moment bij de "
                "Belastingdienst op de plank?",
                2: "Wat is de gemiddelde behandelduur van een bezwaarschrift?",
            },
            "answers": [
                ([1], "Op 1 februari 2024 waren circa 41.000 bezwaarschriften nog niet afgehandeld."),
                ([2], "De gemiddelde behandelduur bedroeg in 2023 negentien weken."),
            ],
        },
        id="website-title-line-first",
    ),
    pytest.param(
        "header_noot_markers.txt",
        {
            "submitters": [("Krul", "CDA")],
            "answered_by": [("Minister", "Dijkstra", "Medische Zorg")],
            "questions": {
                1: "Bent u bekend met het bericht «Spoedeisende hulp Heerlen ’s nachts dicht»?",
                2: "Hoeveel inwoners van Parkstad wonen na de sluiting verder dan 45 minuten rijden van een "
                "spoedeisende hulp?",
            },
            "question_footnotes": {1: ["1"], 2: ["2"]},
            "answers": [
                ([1], "Ja."),
                ([2], "Volgens de meest recente analyse van het RIVM gaat het om ongeveer 6.000 inwoners."),
            ],
            "footnotes": {
                "1": ["https://www.l1.nl/nieuws/1876543/spoedeisende-hulp-heerlen-s-nachts-dicht"],
                "2": ["https://www.rivm.nl/publicaties/analyse-bereikbaarheid-sehs-2023"],
            },
        },
        id="trailing-n-noot-markers",
    ),
]


@pytest.mark.parametrize(("name", "expected"), HEADERS)
def test_header_variants(name: str, expected: dict[str, Any]) -> None:
    record = parse(name)
    check(record, expected)
    assert record.title is None or "Vragen van" not in record.title
    assert not any(q.text.rstrip().endswith("Noot") for q in record.questions)


# -- 5. Kinds of Mededeling -------------------------------------------------------------------
# Answered by letter (in any wording) is a `notice`; only a postponement is a `delay_notice`.

KINDS = [
    pytest.param(
        "kind_answered_by_letter.txt",
        {
            "kind": "notice",
            "received_on": "2025-01-13",
            "submitted_on": "2024-12-05",
            "submitters": [("Sneller", "D66")],
            "answered_by": [("Minister", "Uitermark", "Binnenlandse Zaken en Koninkrijksrelaties")],
        },
        id="zijn-beantwoord-bij-brief",
    ),
    pytest.param(
        "kind_answered_in_letter.txt",
        {
            "kind": "notice",
            "received_on": "2024-06-07",
            "submitted_on": "2024-05-16",
            "submitters": [("Grinwis", "ChristenUnie"), ("Holman", "NSC")],
            "answered_by": [("Minister", "Adema", "Landbouw, Natuur en Voedselkwaliteit")],
        },
        id="worden-beantwoord-in-de-brief",
    ),
    pytest.param(
        "kind_see_letter.txt",
        {
            "kind": "notice",
            "received_on": "2024-06-14",
            "submitted_on": "2024-05-23",
            "submitters": [("Podt", "GroenLinks-PvdA")],
            "answered_by": [("Staatssecretaris", "Van der Burg", "Justitie en Veiligheid")],
        },
        id="zie-de-brief-kamerstuk",
    ),
    pytest.param(
        "kind_postponed.txt",
        {
            "kind": "delay_notice",
            "received_on": "2024-12-02",
            "submitted_on": "2024-11-07",
            "submitters": [("Vijlbrief", "D66")],
            "answered_by": [("Minister", "Keijzer", "Volkshuisvesting en Ruimtelijke Ordening")],
        },
        id="niet-binnen-de-termijn-uitstel",
    ),
]


@pytest.mark.parametrize(("name", "expected"), KINDS)
def test_kind_of_a_mededeling(name: str, expected: dict[str, Any]) -> None:
    record = parse(name)
    check(record, expected)
    assert record.questions == [] and record.answers == []


# -- 6. Answer labels written differently from their neighbours --------------------------------

LABELS = [
    pytest.param(
        "labels_mixed.txt",
        {
            "unanswered": [],
            "questions": {
                1: "Hoe lang is de gemiddelde wachttijd voor specialistische jeugdhulp op dit moment?",
                2: "Hoeveel kinderen wachten langer dan de treeknorm?",
                3: "Welke regio’s hebben de langste wachtlijsten?",
                4: "Wat doen jeugdzorgregio’s om kinderen tijdens het wachten te ondersteunen?",
                5: "Bent u bereid om de treeknorm wettelijk te verankeren?",
                6: "Hoeveel jeugdzorgaanbieders hebben in 2023 een cliëntenstop afgekondigd?",
                7: "Wat is daarvan de oorzaak?",
                8: "Kunt u deze vragen voor het commissiedebat Jeugd beantwoorden?",
            },
            "answers": [
                ([1], "De gemiddelde wachttijd bedroeg in het eerste kwartaal van 2024 elf weken."),
                ([2], "Ongeveer 4.500 kinderen wachten langer dan de treeknorm."),  # Antwoord op vraag 2
                ([3], "De langste wachtlijsten zijn er in de regio’s Twente, Zuid-Limburg en Haaglanden."),
                (
                    [4],
                    "Veel regio’s bieden overbruggingszorg, zoals gesprekken met een praktijkondersteuner.",
                ),
                (
                    [5],  # Ad 5
                    "Nee. De treeknorm is een afspraak tussen zorgaanbieders en gemeenten; wettelijke "
                    "verankering lost het tekort aan behandelaars niet op.",
                ),
                (
                    [6, 7],  # Vraag 6 en 7 / Antwoord op vragen 6 en 7
                    "In 2023 hebben 38 aanbieders tijdelijk een cliëntenstop afgekondigd, vooral vanwege "
                    "personeelstekorten.",
                ),
                ([8], "Ja."),
            ],
        },
        id="vraag-n-with-mixed-answer-labels",
    ),
    pytest.param(
        "labels_numbered.txt",
        {
            "unanswered": [],
            "questions": {
                1: "Bent u bekend met het onderzoek waaruit blijkt dat sollicitanten met een Turkse of "
                "Marokkaanse achternaam minder vaak worden uitgenodigd voor een gesprek?",
                2: "Hoe verklaart u dat deze verschillen sinds 2015 niet kleiner zijn geworden?",
                3: "Welke maatregelen uit het actieplan zijn inmiddels uitgevoerd?",
                4: "Wanneer treedt de Wet toezicht gelijke kansen bij werving en selectie in werking?",
                5: "Gaat de Nederlandse Arbeidsinspectie ook controleren of werkgevers zich aan deze wet "
                "houden?",
                6: "Bent u bereid om met werkgeversorganisaties afspraken te maken over anoniem solliciteren?",
            },
            "answers": [
                ([1], "Ja."),
                (
                    [2],  # "Ad 2" with the text on the same line
                    "Discriminatie op de arbeidsmarkt is hardnekkig. Uit onderzoek blijkt dat onbewuste "
                    "vooroordelen bij de selectie een grote rol spelen.",
                ),
                (
                    [3],
                    "Alle maatregelen uit het actieplan zijn in uitvoering; een overzicht staat in de "
                    "voortgangsbrief van 30 mei 2024.",
                ),
                (
                    [4, 5],
                    "De Eerste Kamer behandelt het wetsvoorstel op dit moment. Na de inwerkingtreding houdt "
                    "de Nederlandse Arbeidsinspectie toezicht op de naleving.",
                ),
                ([6], "Ik ben hierover in gesprek met VNO-NCW en MKB-Nederland."),
            ],
        },
        id="bare-numbers-with-mixed-answer-labels",
    ),
    pytest.param(
        "labels_ranges.txt",
        {
            "unanswered": [],
            "questions": {
                1: "Bent u bekend met het bericht dat Chemours in 2024 meer PFAS heeft geloosd dan toegestaan?",
                2: "Hoeveel PFAS is er in 2024 via het afvalwater geloosd?",
                3: "Hoeveel is via de lucht uitgestoten?",
                4: "Hoe verhouden deze hoeveelheden zich tot de vergunning?",
                5: "Welke handhavingsmaatregelen heeft de provincie genomen?",
                6: "Worden omwonenden geïnformeerd over de gevolgen voor hun gezondheid?",
                7: "Is het RIVM gevraagd de blootstelling van omwonenden opnieuw te berekenen?",
                8: "Bent u bereid de Kamer over de uitkomsten te informeren?",
            },
            "answers": [
                ([1], "Ja."),  # Antwoord 1.
                (
                    [2, 3, 4],  # Antwoord op de vragen 2, 3 en 4
                    "Volgens de provincie Zuid-Holland is in 2024 ruim 120 kilogram PFAS via het afvalwater "
                    "geloosd en ongeveer 40 kilogram via de lucht uitgestoten. Beide hoeveelheden liggen "
                    "boven de grenzen uit de vergunning.",
                ),
                (
                    [5, 6, 7],  # Antwoord op vraag 5 tot en met 7
                    "De provincie heeft een last onder dwangsom opgelegd. Omwonenden worden via de GGD "
                    "Zuid-Holland Zuid geïnformeerd, en het RIVM berekent de blootstelling opnieuw.",
                ),
                ([8], "Ja."),  # Antwoord op vraag 8:
            ],
        },
        id="lists-and-ranges",
    ),
]


@pytest.mark.parametrize(("name", "expected"), LABELS)
def test_answer_labels_all_linked(name: str, expected: dict[str, Any]) -> None:
    record = parse(name)
    numbers = [n for answer in record.answers for n in answer.questions]
    assert len(numbers) == len(set(numbers)), "an answer number given twice"
    check(record, expected)
