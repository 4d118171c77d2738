"""A Mededeling's kind comes from its words (kamervragen.parse.notice)."""

from __future__ import annotations

import pytest

from kamervragen.parse.notice import classify, record_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "De vragen van het lid Jansen (SP) kunnen niet binnen de gebruikelijke termijn worden beantwoord.",
            "delay",
        ),
        (
            "Voor de beantwoording is meer tijd nodig, omdat afstemming met andere departementen nodig is.",
            "delay",
        ),
        ("Ik streef ernaar de vragen zo spoedig mogelijk te beantwoorden.", "delay"),
        ("Hierbij deel ik u mede dat uitstel van de beantwoording nodig is.", "delay"),
        (
            "De vragen zijn beantwoord bij brief van 3 mei 2024 (Kamerstuk 36 410, nr. 12).",
            "answered_by_letter",
        ),
        ("Deze vragen heb ik beantwoord in mijn brief over de stikstofaanpak.", "answered_by_letter"),
        (
            "Voor het antwoord op deze vragen zie de brief van de minister van 12 juni jl.",
            "answered_by_letter",
        ),
        ("De vragen zijn betrokken bij de brief van 4 april 2023 over de jeugdzorg.", "answered_by_letter"),
        ("De vragen van het lid De Vries zijn door de vragensteller ingetrokken.", "withdrawn"),
        ("Het lid trekt de vragen van 2 februari hierbij in.", "withdrawn"),
        ("Het ministerie is verhuisd naar een nieuw adres.", "other"),
    ],
)
def test_classify(text: str, kind: str) -> None:
    assert classify(text) == kind


def test_only_a_postponement_is_a_delay_notice() -> None:
    assert record_kind("De vragen kunnen niet binnen drie weken worden beantwoord.") == "delay_notice"
    assert record_kind("De vragen zijn beantwoord bij brief van 3 mei 2024.") == "notice"
    assert record_kind("De vragen zijn ingetrokken.") == "notice"


def test_a_promised_letter_is_still_a_postponement() -> None:
    # The answer will come in a letter: that postpones it, it does not give it.
    text = "De vragen kunnen niet binnen de termijn worden beantwoord; ik zal ze in de voortgangsbrief beantwoorden."
    assert classify(text) == "delay"
