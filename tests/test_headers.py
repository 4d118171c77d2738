"""Headers of question sets and ministry Word letters (kamervragen.parse.metadata,
kamervragen.extract.docx), on small documents written for these tests."""

from __future__ import annotations

import io
import textwrap

import docx
import pytest
from docx.oxml import parse_xml

from kamervragen.parse import metadata as meta
from kamervragen.parse import parse_bytes
from kamervragen.record import Member, Office, Record


def _parse_text(text: str) -> Record:
    return parse_bytes(textwrap.dedent(text).strip().encode(), "set.txt")[0]


# --- "Zie ook" references and the session year ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zie ook Aanhangsel Handelingen, vergaderjaar 2021-2022, nr. 88.",
            ["Aanhangsel Handelingen, vergaderjaar 2021-2022, nr. 88"],
        ),
        (
            "Zie ook Aanhangsel Handelingen, vergaderjaar 2021-2022, 88",
            ["Aanhangsel Handelingen, vergaderjaar 2021-2022, 88"],
        ),
        (
            "(ontvangen 2 mei 2022). Zie ook AanhangselHandelingen,vergaderjaar 2021–2022, 1402.",
            ["AanhangselHandelingen,vergaderjaar 2021–2022, 1402"],
        ),
        ("Zie ook het antwoord op vraag 4.", []),
    ],
)
def test_see_also_with_or_without_nr(text: str, expected: list[str]) -> None:
    assert meta.see_also(text) == expected


def test_session_year_of_the_document_not_of_a_cited_one() -> None:
    text = (
        "Antwoord van Minister Bakker (Defensie) (ontvangen 3 oktober 2022).\n"
        "Zie ook Aanhangsel Handelingen, vergaderjaar 2021-2022, 1402\n"
        "Tweede Kamer, vergaderjaar 2022–2023, Aanhangsel\n"
    )
    assert meta.session_year(text) == "2022-2023"


def test_cited_session_year_only_when_it_fits_the_received_date() -> None:
    cited = "Zie ook Aanhangsel Handelingen, vergaderjaar 2021-2022, nr. 1402\n"
    assert meta.session_year(cited, "2022-06-01") == "2021-2022"
    # received after Prinsjesdag 2022 (20 September): another vergaderjaar, so nothing known
    assert meta.session_year(cited, "2022-10-03") is None
    assert meta.session_year(cited) == "2021-2022"


def test_session_of_date_turns_on_prinsjesdag() -> None:
    assert meta.session_of_date("2022-09-19") == "2021-2022"
    assert meta.session_of_date("2022-09-20") == "2022-2023"
    assert meta.session_of_date("2023-01-10") == "2022-2023"


@pytest.mark.parametrize(
    "header",
    ["2010-20112011Z04442", "Vergaderjaar 2010-20112011Z04442", "Vergaderjaar 2010-112011Z04442"],
)
def test_session_year_run_into_the_case_number(header: str) -> None:
    assert meta.session_year(header) == "2010-2011"
    assert meta.case_number(header) == "2011Z04442"


def test_case_number_not_taken_from_inside_a_longer_number() -> None:
    assert meta.case_number("kenmerk 12024Z01234") is None
    assert meta.case_number("(2024Z01234)") == "2024Z01234"


def test_case_number_cited_in_an_answer_belongs_to_another_set() -> None:
    askers = [Member(name="De Boer", party="VVD")]
    cited = "zoals in de antwoorden op de vragen van het lid Pieters (2021Z00001) gezegd"
    own = "De vragen van het lid De Boer (VVD) over de veerpont (2022Z12345) kunnen niet"
    assert meta.case_number_of(cited, askers) is None
    assert meta.case_number_of(own, askers) == "2022Z12345"
    assert meta.case_number_of(cited, []) == "2021Z00001"


def test_page_that_opens_with_its_own_title() -> None:
    record = _parse_text(
        """
        Antwoord schriftelijke vragen : Antwoord op vragen van het lid Visser over de veerpont bij Ameide
        Vragen van het lid Visser (CDA) aan de Minister van Infrastructuur en Waterstaat over de veerpont bij Ameide (ingezonden 3 februari 2022).
        Antwoord van Minister Harbers (Infrastructuur en Waterstaat) (ontvangen 1 maart 2022).
        Zie ook Aanhangsel Handelingen, vergaderjaar 2021-2022, 1201
        Vraag 1
        Vaart de pont nog?
        Antwoord 1
        Ja.
        """
    )
    assert record.title == "de veerpont bij Ameide"
    assert record.submitters == [Member(name="Visser", party="CDA")]
    assert record.addressees == [Office(role="Minister", portfolio="Infrastructuur en Waterstaat")]
    assert record.see_also == ["Aanhangsel Handelingen, vergaderjaar 2021-2022, 1201"]
    assert record.session_year == "2021-2022"


# --- members and offices ------------------------------------------------------------------


def test_one_party_after_all_names_is_everyones() -> None:
    assert meta.members("Pieters en Visser (CDA)") == [
        Member(name="Pieters", party="CDA"),
        Member(name="Visser", party="CDA"),
    ]
    # one party each: nothing shared
    assert meta.members("Pieters (CDA) en Visser (VVD)") == [
        Member(name="Pieters", party="CDA"),
        Member(name="Visser", party="VVD"),
    ]
    # a party that does not close the list is its own member's
    assert meta.members("Pieters (CDA) en Visser") == [
        Member(name="Pieters", party="CDA"),
        Member(name="Visser"),
    ]


def test_two_ministers_named_with_one_van() -> None:
    assert meta.offices("de ministers van Financiën en Infrastructuur en Waterstaat") == [
        Office(role="Minister", portfolio="Financiën"),
        Office(role="Minister", portfolio="Infrastructuur en Waterstaat"),
    ]
    # a portfolio misspelled by a letter is still recognised
    assert meta.split_portfolios("Defensie en Binnenlandse Zaken en Koninkrijkrelaties") == [
        "Defensie",
        "Binnenlandse Zaken en Koninkrijkrelaties",
    ]
    # unknown words: kept whole rather than cut at a guess
    assert meta.split_portfolios("Zaken en Dingen") == ["Zaken en Dingen"]


# --- signatures -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("J.A. van der Berg", "Van der Berg"),
        ("J. A. van der Berg ", "Van der Berg"),
        ("drs. H. de Jonge", "De Jonge"),
        ("mr. dr. K.L. (Karin) ter Horst", "Ter Horst"),
        ("Th. Smit-Pieters", "Smit-Pieters"),
        ("P. Bakker", "Bakker"),
        ("De minister van Defensie", None),
        ("Postbus 20701", None),
    ],
)
def test_signer_name(line: str, name: str | None) -> None:
    assert meta.signer_name(line) == name


# --- Word letters -----------------------------------------------------------------------

_TEXT_BOX_HEADER = (
    '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>Datum</w:t></w:r></w:p><w:p><w:r><w:t>{date}</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><w:txbxContent>"
    "<w:p><w:r><w:t>Datum</w:t></w:r></w:p><w:p><w:r><w:t>{date}</w:t></w:r></w:p>"
    "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def _letter(
    *,
    body_date: str | None = "12 mei 2022",
    header_date: str | None = None,
    text_box: bool = False,
    cover: str = "de vragen van het lid Visser (CDA) aan de minister van Defensie over de kazerne",
    signature: tuple[str, ...] = ("De minister van Defensie", "", "J.A. van der Berg"),
    heading: str = "Antwoorden van de minister van Defensie op vragen van het lid Visser (CDA) over de kazerne.",
) -> bytes:
    document = docx.Document()
    if header_date:
        header = document.sections[0].header
        if text_box:
            header._element.append(parse_xml(_TEXT_BOX_HEADER.format(date=header_date)))
        else:
            header.paragraphs[0].text = "Datum"
            header.add_paragraph(header_date)
    document.add_paragraph("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal")
    if body_date:
        document.add_paragraph("Datum")
        document.add_paragraph(body_date)
    document.add_paragraph("Onderwerp")
    document.add_paragraph("Beantwoording Kamervragen van het lid Visser")
    document.add_paragraph("")
    document.add_paragraph(
        f"In antwoord op uw brief van 20 april 2022, nr. 2022Z07001, deel ik u mede dat {cover} worden beantwoord zoals aangegeven in de bijlage van deze brief."
    )
    document.add_paragraph("")
    for line in signature:
        document.add_paragraph(line)
    document.add_paragraph("")
    document.add_paragraph(heading)
    document.add_paragraph("")
    document.add_paragraph("Vraag 1")
    document.add_paragraph("Is de kazerne open?")
    document.add_paragraph("")
    document.add_paragraph("Antwoord op vraag 1")
    document.add_paragraph("Ja.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _parse_letter(**kwargs: object) -> Record:
    return parse_bytes(_letter(**kwargs), "letter.docx")[0]  # type: ignore[arg-type]


def test_letter_signature_with_particle() -> None:
    record = _parse_letter()
    assert record.answered_by[0].name == "Van der Berg"
    assert record.answered_by[0].portfolio == "Defensie"
    record = _parse_letter(signature=("De minister van Defensie", "drs. H. de Jonge"))
    assert record.answered_by[0].name == "De Jonge"


def test_letter_date_only_in_the_page_header() -> None:
    assert _parse_letter(body_date=None, header_date="14 mei 2022").received_on == "2022-05-14"
    assert _parse_letter(body_date=None, header_date="14 mei 2022", text_box=True).received_on == "2022-05-14"
    # the body's own date wins over a (stale) header date
    assert _parse_letter(header_date="2 april 2022", text_box=True).received_on == "2022-05-12"
    assert _parse_letter().received_on == "2022-05-12"


def test_letter_addressees_from_the_cover_sentence() -> None:
    record = _parse_letter(
        cover="de vragen van het lid Visser (CDA) aan de ministers van Defensie en Justitie en Veiligheid over de kazerne"
    )
    assert record.addressees == [
        Office(role="Minister", portfolio="Defensie"),
        Office(role="Minister", portfolio="Justitie en Veiligheid"),
    ]
    record = _parse_letter(
        cover="de vragen van het lid Visser (CDA) aan de ministers van Financiën en van Defensie over de kazerne"
    )
    assert [office.portfolio for office in record.addressees] == ["Financiën", "Defensie"]


def test_letter_on_behalf_of_from_the_signature() -> None:
    record = _parse_letter(
        signature=("Mede namens de minister van Financiën,", "", "De minister van Defensie", "", "P. Bakker"),
        heading="Antwoorden van de minister van Defensie mede namens de minister van Financien op vragen van "
        "het lid Visser (CDA) over de kazerne.",
    )
    answerer = record.answered_by[0]
    assert answerer.name == "Bakker"
    assert answerer.on_behalf_of == [Office(role="Minister", portfolio="Financiën")]


def test_letter_first_submitter_keeps_the_shared_party() -> None:
    record = _parse_letter(
        heading="Antwoorden van de minister van Defensie op vragen van de leden Visser en Pieters (CDA) over de kazerne."
    )
    assert record.submitters == [Member(name="Visser", party="CDA"), Member(name="Pieters", party="CDA")]
    assert record.case_number == "2022Z07001"
    assert record.submitted_on == "2022-04-20"


# --- further heading variants -----------------------------------------------------------


def test_single_question_heading() -> None:
    heading = meta.questions_heading(
        "Vraag van het lid Smit (SP) aan de Minister van Defensie over de kazerne (ingezonden 2 mei 2022)."
    )
    assert heading["submitters"] == [Member(name="Smit", party="SP")]
    assert heading["title"] == "de kazerne"


def test_mangled_footer_identifier_trusted_when_it_agrees() -> None:
    text = "Antwoord 3\nNee.\nh tk 20212022 415\n"
    assert meta.mangled_identifier(text, "2021-2022", 415) == "ah-tk-20212022-415"
    assert meta.mangled_identifier(text, "2021-2022", 416) is None
    assert meta.mangled_identifier(text, "2020-2021", 415) is None
    assert meta.mangled_identifier(text, None, None) is None


def test_old_answer_heading_with_named_co_signers() -> None:
    (answerer,) = meta.answerers(
        "Antwoord van de heer Jansen, minister van Verkeer en Waterstaat mede namens de heer Pietersen, "
        "minister van Financiën en mevrouw De Groot, minister van Justitie. (Ontvangen 3 maart 1988)"
    )
    assert (answerer.name, answerer.portfolio) == ("Jansen", "Verkeer en Waterstaat")
    assert answerer.on_behalf_of == [
        Office(role="Minister", name="Pietersen", portfolio="Financiën"),
        Office(role="Minister", name="De Groot", portfolio="Justitie"),
    ]


@pytest.mark.parametrize(
    "page_title",
    [
        "Antwoord schriftelijke vragen : Antwoord op vragen van het lid Dijk over toeslagen",
        "Schriftelijke vragen : Vragen van het lid Dijk over toeslagen",
    ],
)
def test_page_title_before_the_heading_is_passed_over(page_title: str) -> None:
    heading = meta.questions_heading(
        page_title + "\nVragen van het lid Dijk (SP) aan de Minister van Financiën over toeslagen "
        "(ingezonden 3 oktober 2023)."
    )
    assert heading["submitters"] == [Member(name="Dijk", party="SP")]
    assert heading["title"] == "toeslagen"


def test_title_citing_earlier_questions_stays_whole() -> None:
    heading = meta.questions_heading(
        "Vragen van het lid Dijk (SP) aan de Minister van Financiën over de antwoorden op eerdere "
        "vragen van het lid Pieters over toeslagen (ingezonden 3 oktober 2023)."
    )
    assert heading["submitters"] == [Member(name="Dijk", party="SP")]
    assert heading["title"] == "de antwoorden op eerdere vragen van het lid Pieters over toeslagen"
