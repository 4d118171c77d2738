"""Lost line breaks put back (kamervragen.parse.breaks), on text written for these tests:
paragraphs wrapped as a typesetter would, then run together as some extractions do."""

from __future__ import annotations

import textwrap

from kamervragen.parse import parse_bytes
from kamervragen.parse.breaks import line_width, restore, restore_pages

PARAGRAPHS = [
    "Bent u bekend met het bericht dat de wachttijden voor een aansluiting op het "
    "elektriciteitsnet in de provincie Gelderland zijn opgelopen tot meer dan twee jaar, "
    "en dat ondernemers daardoor hun uitbreidingsplannen moeten uitstellen?",
    "Deelt u de mening dat minister Uitermark samen met de netbeheerders snel moet zorgen "
    "voor meer capaciteit, zodat huishoudens en bedrijven niet langer hoeven te wachten op "
    "een aansluiting die zij al lang geleden hebben aangevraagd?",
    "Het kabinet heeft in de brief van 12 maart aangegeven welke maatregelen worden genomen "
    "om de netcongestie aan te pakken. Daarbij wordt gekeken naar flexibele contracten, het "
    "beter benutten van de bestaande netten en het versnellen van vergunningprocedures.",
    "Kunt u aangeven hoeveel aanvragen van woningcorporaties op dit moment op de wachtlijst "
    "staan, en welke gevolgen dat heeft voor de bouw van nieuwe betaalbare woningen in de "
    "regio Arnhem en Nijmegen?",
    "Ik heb met mevrouw Wingelaar en de heer Ergin gesproken over de gevolgen voor hun "
    "bedrijven. Zij hebben aangegeven dat de onzekerheid over de aansluiting de grootste "
    "zorg is, meer nog dan de kosten die daarmee gemoeid zijn.",
]


def run_together(text: str, width: int = 72) -> str:
    return "".join(textwrap.wrap(text, width))


def test_breaks_put_back_where_the_lines_ended() -> None:
    glued = [run_together(p) for p in PARAGRAPHS]
    assert glued[0] != PARAGRAPHS[0]  # the wrapping really glued words
    width = line_width(glued)
    assert width is not None and 60 <= width <= 80
    restored = [restore(p, width) for p in glued]
    assert restored == PARAGRAPHS
    # Names stay whole wherever they stand.
    assert all(name in " ".join(restored) for name in ("Uitermark", "Wingelaar", "Ergin"))


def test_text_with_its_breaks_is_left_alone() -> None:
    wrapped = [[line for p in PARAGRAPHS for line in textwrap.wrap(p, 72)]]
    assert restore_pages(wrapped) is None


DOCUMENT = (
    "Vragen van het lid Jansen (SP) aan de minister van Klimaat en Groene Groei over de "
    "wachttijden voor stroomaansluitingen (ingezonden 3 februari 2025). "
    "Antwoord van minister Hermans (Klimaat en Groene Groei) (ontvangen 3 maart 2025). "
    "Vraag 1 Bent u bekend met het bericht over de wachttijden in Gelderland? "
    "Antwoord 1 Ja. "
    "Vraag 2 Hoeveel bedrijven wachten op dit moment op een aansluiting? "
    "Antwoord 2 Volgens de netbeheerders wachten ruim 12.000 bedrijven op een aansluiting. "
    "ah-tk-20242025-1234 ISSN 0921 - 7398 's-Gravenhage 2025"
)


def test_a_document_on_one_line() -> None:
    [record] = parse_bytes(DOCUMENT.encode(), "een-regel.txt")
    assert [q.number for q in record.questions] == [1, 2]
    assert record.questions[1].text == "Hoeveel bedrijven wachten op dit moment op een aansluiting?"
    assert [a.questions for a in record.answers] == [[1], [2]]
    assert record.answers[0].text == "Ja."
    assert [(m.name, m.party) for m in record.submitters] == [("Jansen", "SP")]
    assert record.submitted_on == "2025-02-03"
    assert record.id == "ah-tk-20242025-1234"
