"""The footnote rules of the cleaning stage (``kamervragen.parse.clean``), each on a few lines
written for it: where a note's body is, which marker refers to it, and what stays text.

These pin the rules down one by one; how well they do on documents nobody tuned them to is
measured by ``tests/test_parse_classes.py`` and the golden records.
"""

from __future__ import annotations

import pytest

from kamervragen.parse.clean import MARK_RE, clean_pages
from kamervragen.parse.text import FUNCTION_GLUE, INTACT, repair_glue

FOOTER = "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2"


def cleaned(*pages: str) -> tuple[str, dict[str, str]]:
    """The body with markers as [n], and the notes by number."""
    result = clean_pages([page.strip("\n").split("\n") for page in pages])
    body = MARK_RE.sub(lambda m: f"[{m.group(1)}]", "\n".join(result.lines))
    return body, {note.number: note.text for note in result.notes}


def test_a_note_number_glued_to_the_year_that_opens_it() -> None:
    body, notes = cleaned(
        f"""Antwoord 3
De Commissie rapporteert jaarlijks over de programmering.
1 Het Europees Parlement heeft daarom gevraagd om een uitleg.
12023 Annual report: https://op.europa.eu/publication/a80c9b4f
2Kamerstuk 21 501-20, nr. 2018.
{FOOTER}"""
    )
    assert notes == {
        "1": "2023 Annual report: https://op.europa.eu/publication/a80c9b4f",
        "2": "Kamerstuk 21 501-20, nr. 2018.",
    }
    assert "programmering.[1]" in body


def test_a_note_running_on_to_a_line_that_starts_with_a_date() -> None:
    _, notes = cleaned(
        f"""Antwoord 8
Op 1 oktober stonden 260 aanvragen open.
4
4Voor de antwoorden op de vragen 5 en 8 geldt als bron IND. Peildatum:
30-09-2024. De cijfers zijn afgerond op tientallen.
{FOOTER}""".replace("4\n4Voor", "1\n1Voor")
    )
    assert notes["1"].endswith("Peildatum: 30-09-2024. De cijfers zijn afgerond op tientallen.")


def test_markers_the_extraction_moved() -> None:
    body, notes = cleaned(
        f"""Antwoord 4
In de Kamerbrief van 4 november 2022
1 is uitgebreid ingegaan op het juridisch kader. Er moet een eind komen aan fraude in de paarden(vlees)keten
2.
Vraag 5
Bent u bekend met de oproep van de Verenigde Naties?
3
Kunt u toelichten wat de status is?
1Kamerstuk 32 317, nr. 787
2Advies van bureau over paardenvlees op https://www.nvwa.nl/documenten/paardenvlees
3Reuters, 9 juli 2024, «UN probing reported mass grave»
{FOOTER}"""
    )
    assert set(notes) == {"1", "2", "3"}
    assert "november 2022[1]" in body
    assert "paarden(vlees)keten[2]." in body
    assert "Naties?[3]" in body


def test_a_lone_number_after_a_finished_sentence_is_a_list_item() -> None:
    body, _ = cleaned(
        f"""Antwoord 1
De maatregelen zijn de volgende.
1.
Een strengere controle.
Zie ook de brief1.
1 Kamerstuk 36 200, nr. 5.
{FOOTER}"""
    )
    assert "volgende.\n1." in body


def test_typed_notes_are_referred_to_by_a_bracket_that_closes_nothing() -> None:
    body, notes = cleaned(
        """Vraag 1
Kent u het bericht “Verbod op hoofddoek bij boa's (nos.nl)”1)?
Vraag 2
Hoe verhoudt dit zich tot de Code Interbestuurlijke Verhoudingen 2), met name artikel 3 (zie bijlage 2)?
Wat zijn traumatische ervaringen? 1) 2)
1) NOS, 6 maart 2024 (nos.nl/artikel/2511721).
2) Kamerstuk 33047, nr. 25, Bijlage Code interbestuurlijke verhoudingen."""
    )
    assert set(notes) == {"1", "2"}
    assert "(nos.nl)”[1]?" in body
    assert "Verhoudingen[2], met name" in body
    assert "(zie bijlage 2)?" in body  # a bracket of the text itself
    assert "ervaringen?[1][2]" in body


def test_bracketed_notes_that_share_a_paragraph() -> None:
    body, notes = cleaned(
        """Vraag 1
Twee kinderen zijn gewond geraakt[1], een eigenaar is omgekomen [2] en een baby [3]?

[1] https://www.nhnieuws.nl/nieuws/313687
[2] https://www.ad.nl/binnenland/overleden-man~a44537d3/#:~:text=politie[3] https://www.ad.nl/binnenland/baby~a2803fe1/"""
    )
    assert notes == {
        "1": "https://www.nhnieuws.nl/nieuws/313687",
        "2": "https://www.ad.nl/binnenland/overleden-man~a44537d3/#:~:text=politie",
        "3": "https://www.ad.nl/binnenland/baby~a2803fe1/",
    }
    assert "gewond geraakt[1], een eigenaar is omgekomen[2] en een baby[3]?" in body


def test_koop_noot_references_and_a_notes_heading() -> None:
    body, notes = cleaned(
        """Vraag 1
Bent u bekend met het bericht «Spoedeisende hulp dicht»? 1 Noot
Antwoord 1
Ja.
Noten
1 https://www.l1.nl/nieuws/1876543"""
    )
    assert notes == {"1": "https://www.l1.nl/nieuws/1876543"}
    assert "dicht»?[1]" in body
    assert "Noten" not in body


def test_numbers_alone_on_their_lines_that_count_questions_are_labels() -> None:
    body, notes = cleaned(
        """Vragen van het lid Dobbe (SP) over de spoedeisende hulp (ingezonden 21 november 2024).
1
Bent u bekend met het bericht «SEH gaat dicht»?1
2
Hoeveel inwoners wonen verder dan 45 minuten rijden?2
1 https://www.l1.nl/nieuws/1987654
2 RIVM, Bereikbaarheidsanalyse 2024"""
    )
    assert set(notes) == {"1", "2"}
    assert body.split("\n")[1] == "1"
    assert body.split("\n")[3] == "2"
    assert "dicht»?[1]" in body


def test_a_historic_superscript_read_as_an_apostrophe() -> None:
    body, notes = cleaned(
        """Vragen van het lid Lankhorst (P.P.R.) (Ingezonden 17 maart 1988) 1 Is de rijkspolitie op de hoogte?'
2 Over welke inlichtingen beschikt de rijkspolitie?
1 Zie De Telegraaf van 17 maart jl. 2 i.v.m. verbetering in ondertekening"""
    )
    assert notes == {"1": "Zie De Telegraaf van 17 maart jl.", "2": "i.v.m. verbetering in ondertekening"}
    assert "op de hoogte?[1]" in body


def test_markdown_conversions() -> None:
    from kamervragen.extract.text import extract

    pages = extract(
        b"# Antwoord\n\nVraag 1\nIs dat bekend?[1 ] En dit?[2 3 ]\n\n1 Eerste bron.\n2 Tweede bron.\n"
        b"3 Derde bron.\n\nh tk 20242025 123\n\n-----\n\nAntwoord 1\nJa.\n"
    ).pages
    assert len(pages) == 2
    result = clean_pages(pages)
    body = MARK_RE.sub(lambda m: f"[{m.group(1)}]", "\n".join(result.lines))
    assert [note.number for note in result.notes] == ["1", "2", "3"]
    assert "bekend?[1] En dit?[2][3]" in body
    assert "h tk" not in body


@pytest.mark.parametrize("glue", [INTACT, FUNCTION_GLUE])
def test_web_addresses_are_left_as_they_are(glue: int) -> None:
    address = (
        "https://www.voorbeeldkrant.nl/binnenland/vanhet-nieuws-eenlatere-editie~a1b2c3/?CMP=Share_AndroidApp"
    )
    assert address in repair_glue(f"zie {address} en eenlatere editie", glue)
    assert repair_glue("zie eenlatere editie", FUNCTION_GLUE) == "zie een latere editie"
