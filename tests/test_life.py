"""The life of a question set, tested from the rules in the design document rather than from
the code: the due date (three weeks, the Zaak's termijn, three more after a delay notice), the
five statuses and their boundaries, days_taken, withdrawal against answer, unknown dates, the
filter shorthands, what one parsed document says and what the SyncFeed case history says.

Dates are worked out by hand; the comments give the arithmetic."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kamervragen.life import (
    Event,
    assess,
    case_events,
    record_events,
    status,
    statuses,
    today,
)

FIVE = {"open", "overdue", "answered", "answered_late", "withdrawn"}

# The running example: asked on Tuesday 10 January 2023.
ASKED = "2023-01-10"
DAY_21 = "2023-01-31"  # 10 + 21 = 31 January: the due date without a delay
DAY_22 = "2023-02-01"
DAY_42 = "2023-02-21"  # 31 January + 21 = 52 - 31 = 21 February: the due date after one delay
DAY_43 = "2023-02-22"


def asked(on: str | None = ASKED) -> Event:
    return Event("asked", on)


def answer(on: str | None) -> Event:
    return Event("answer", on)


def delay(on: str | None) -> Event:
    return Event("delay", on)


def withdrawal(on: str | None) -> Event:
    return Event("withdrawal", on)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


# --- the due date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "submitted, due",
    [
        (ASKED, DAY_21),
        ("2024-02-20", "2024-03-12"),  # leap year: 9 days to 29 Feb, 12 more into March = 21
        ("2023-02-20", "2023-03-13"),  # not a leap year: 8 days to 28 Feb, 13 more = 21
        ("2023-12-20", "2024-01-10"),  # over the year end: 11 days to 31 Dec, 10 more = 21
    ],
)
def test_due_date_is_three_weeks_after_submission(submitted: str, due: str) -> None:
    life = assess([asked(submitted)])
    assert life.submitted_on == submitted
    assert life.due_on == due
    assert life.outcome == "pending"
    assert life.answered_on is None
    assert life.days_taken is None


def test_termijn_overrides_three_weeks() -> None:
    # Later than three weeks: an answer on day 30 (9 February) is still on time.
    life = assess([asked(), answer("2023-02-09")], termijn="2023-02-15")
    assert life.due_on == "2023-02-15"
    assert life.outcome == "answered"
    assert life.days_taken == 30  # 21 days to 31 Jan + 9


def test_termijn_earlier_than_three_weeks_is_not_widened() -> None:
    # The termijn replaces the three weeks, it is not a minimum: day 15 is late here.
    life = assess([asked(), answer("2023-01-25")], termijn="2023-01-20")
    assert life.due_on == "2023-01-20"
    assert life.outcome == "answered_late"
    assert life.days_taken == 15


@pytest.mark.parametrize(
    "answered_on, outcome",
    [("2023-02-15", "answered"), ("2023-02-16", "answered_late")],
)
def test_termijn_boundary(answered_on: str, outcome: str) -> None:
    assert assess([asked(), answer(answered_on)], termijn="2023-02-15").outcome == outcome


def test_delay_notice_adds_three_weeks_to_the_term() -> None:
    # A notice on day 5 (15 January) still gives six weeks from submission in all.
    life = assess([asked(), delay("2023-01-15")])
    assert life.due_on == DAY_42
    assert life.delay_notices == ("2023-01-15",)
    assert life.outcome == "pending"


# --- answered on time or late: the boundaries ----------------------------------------------


@pytest.mark.parametrize(
    "answered_on, outcome, days",
    [
        ("2023-01-11", "answered", 1),
        (DAY_21, "answered", 21),
        (DAY_22, "answered_late", 22),
        ("2023-03-10", "answered_late", 59),  # 21 (Jan) + 28 (Feb) + 10
    ],
)
def test_answer_on_day_21_is_on_time_day_22_is_late(answered_on: str, outcome: str, days: int) -> None:
    life = assess([asked(), answer(answered_on)])
    assert life.outcome == outcome
    assert life.answered_on == answered_on
    assert life.days_taken == days
    assert life.due_on == DAY_21
    # Once answered, the passing days change nothing.
    for on in (d(answered_on), date(2030, 1, 1)):
        assert life.status(on) == outcome


@pytest.mark.parametrize(
    "answered_on, outcome, days",
    [(DAY_42, "answered", 42), (DAY_43, "answered_late", 43)],
)
def test_with_delay_notice_day_42_is_on_time_day_43_is_late(
    answered_on: str, outcome: str, days: int
) -> None:
    life = assess([asked(), delay(DAY_21), answer(answered_on)])
    assert life.due_on == DAY_42
    assert life.outcome == outcome
    assert life.days_taken == days
    assert life.delay_notices == (DAY_21,)


def test_delay_notice_after_the_answer_does_not_extend() -> None:
    # Answered on day 22 (late), a "delay notice" only on 5 February: still late, due 31 Jan.
    life = assess([asked(), answer(DAY_22), delay("2023-02-05")])
    assert life.due_on == DAY_21
    assert life.outcome == "answered_late"
    assert life.days_taken == 22


def test_delay_notice_is_not_an_answer() -> None:
    life = assess([asked(), delay("2023-01-20")])
    assert life.outcome == "pending"
    assert life.answered_on is None
    assert life.days_taken is None
    assert life.status(d("2023-01-21")) == "open"


# --- days_taken and the nader answer -------------------------------------------------------


def test_nader_answer_does_not_move_days_taken() -> None:
    # First answer on day 15 (25 January); a further answer on 1 March changes nothing.
    life = assess([asked(), answer("2023-01-25"), answer("2023-03-01")])
    assert life.answered_on == "2023-01-25"
    assert life.days_taken == 15
    assert life.outcome == "answered"


def test_first_answer_is_the_earliest_whatever_the_order_given() -> None:
    life = assess([answer("2023-03-01"), asked(), answer("2023-01-25")])
    assert life.answered_on == "2023-01-25"
    assert life.days_taken == 15
    assert life.outcome == "answered"


# --- open and overdue as days pass -----------------------------------------------------------


@pytest.mark.parametrize(
    "on, expected",
    [
        (ASKED, "open"),
        ("2023-01-30", "open"),
        (DAY_21, "open"),  # the due date itself is still within the term
        (DAY_22, "overdue"),
        ("2025-06-01", "overdue"),
    ],
)
def test_open_turns_overdue_the_day_after_the_due_date(on: str, expected: str) -> None:
    life = assess([asked()])
    assert life.status(d(on)) == expected
    assert status("pending", DAY_21, d(on)) == expected


@pytest.mark.parametrize("on, expected", [(DAY_42, "open"), (DAY_43, "overdue")])
def test_delay_notice_keeps_it_open_three_more_weeks(on: str, expected: str) -> None:
    life = assess([asked(), delay(DAY_21)])
    assert life.status(d(DAY_22)) == "open"
    assert life.status(d(on)) == expected


@pytest.mark.parametrize("fixed, expected", [(DAY_21, "open"), (DAY_22, "overdue")])
def test_status_defaults_to_kamervragen_today(
    monkeypatch: pytest.MonkeyPatch, fixed: str, expected: str
) -> None:
    monkeypatch.setenv("KAMERVRAGEN_TODAY", fixed)
    assert today() == d(fixed)
    life = assess([asked()])
    assert life.status() == expected
    assert status("pending", DAY_21) == expected


def test_today_without_the_variable_is_the_real_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMERVRAGEN_TODAY", raising=False)
    before = date.today()
    assert before <= today() <= date.today()


# --- withdrawal ----------------------------------------------------------------------------


def test_withdrawn_when_no_answer_came() -> None:
    life = assess([asked(), withdrawal("2023-01-20")])
    assert life.outcome == "withdrawn"
    assert life.answered_on is None
    assert life.days_taken is None
    # Not overdue however long ago: a withdrawn set has no answer to wait for.
    assert life.status(d(DAY_21)) == "withdrawn"
    assert life.status(date(2030, 1, 1)) == "withdrawn"


def test_withdrawal_after_the_due_date_is_still_withdrawn() -> None:
    life = assess([asked(), withdrawal("2023-03-01")])
    assert life.outcome == "withdrawn"
    assert life.status(d("2023-03-02")) == "withdrawn"


@pytest.mark.parametrize("order", ["answer_first", "withdrawal_first"])
def test_an_answer_beats_a_withdrawal(order: str) -> None:
    events = [asked(), answer("2023-01-25"), withdrawal("2023-01-27")]
    if order == "withdrawal_first":
        events = [asked(), withdrawal("2023-01-20"), answer("2023-01-25")]
    life = assess(events)
    assert life.outcome == "answered"
    assert life.answered_on == "2023-01-25"
    assert life.days_taken == 15


# --- unknown dates -------------------------------------------------------------------------


def test_unknown_submission_means_unknown_due_date_and_open() -> None:
    life = assess([asked(None)])
    assert life.submitted_on is None
    assert life.due_on is None
    assert life.outcome == "pending"
    # Due date unknown: open, never overdue, however late it is.
    assert life.status(date(2099, 1, 1)) == "open"
    assert status("pending", None, date(2099, 1, 1)) == "open"


def test_unknown_submission_with_termijn_uses_the_termijn() -> None:
    life = assess([asked(None), answer("2023-02-16")], termijn="2023-02-15")
    assert life.due_on == "2023-02-15"
    assert life.outcome == "answered_late"
    assert life.answered_on == "2023-02-16"
    assert life.days_taken is None  # nothing to count from


def test_answer_of_unknown_date_is_still_an_answer() -> None:
    life = assess([asked(), answer(None)])
    assert life.outcome in ("answered", "answered_late")
    assert life.days_taken is None
    assert life.status(date(2030, 1, 1)) in ("answered", "answered_late")


def test_no_events_at_all() -> None:
    life = assess([])
    assert life.outcome == "pending"
    assert life.due_on is None
    assert life.status(date(2030, 1, 1)) == "open"


# --- the Life record itself --------------------------------------------------------------------


def test_known_from_is_passed_through() -> None:
    assert assess([asked()]).known_from == "documents"
    assert assess([asked()], known_from="sync").known_from == "sync"


def test_event_is_frozen() -> None:
    event = Event("asked", ASKED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.on = "2023-01-11"  # type: ignore[misc]


# --- status() and the filter shorthands --------------------------------------------------------


@pytest.mark.parametrize("outcome", ["answered", "answered_late", "withdrawn"])
@pytest.mark.parametrize("due_on", [None, DAY_21])
@pytest.mark.parametrize("on", [d(ASKED), d(DAY_22), date(2030, 1, 1)])
def test_settled_outcomes_do_not_change_with_time(outcome: str, due_on: str | None, on: date) -> None:
    assert status(outcome, due_on, on) == outcome


@pytest.mark.parametrize("name", sorted(FIVE))
def test_a_status_filters_to_itself(name: str) -> None:
    assert statuses(name) == (name,)


@pytest.mark.parametrize(
    "name, expected",
    [("unanswered", {"open", "overdue"}), ("late", {"overdue", "answered_late"})],
)
def test_shorthands(name: str, expected: set[str]) -> None:
    got = statuses(name)
    assert isinstance(got, tuple)
    assert set(got) == expected
    assert len(got) == len(expected)


@pytest.mark.parametrize("name", ["pending", "unknown", "", "Open", "answered late"])
def test_unknown_filter_names_are_refused(name: str) -> None:
    # "pending" is an outcome, not a status: it has no place in the filter.
    with pytest.raises(ValueError):
        statuses(name)


# --- what one parsed document says ---------------------------------------------------------


def test_record_questions() -> None:
    life = assess(record_events("questions", ASKED, ASKED))
    assert life.outcome == "pending"
    assert life.submitted_on == ASKED
    assert life.due_on == DAY_21


@pytest.mark.parametrize("received, outcome, days", [(DAY_21, "answered", 21), (DAY_22, "answered_late", 22)])
def test_record_answer(received: str, outcome: str, days: int) -> None:
    life = assess(record_events("answer", ASKED, received))
    assert life.outcome == outcome
    assert life.answered_on == received
    assert life.days_taken == days


def test_record_delay_notice() -> None:
    events = record_events("delay_notice", ASKED, "2023-01-28")
    assert all(e.kind in ("asked", "delay") for e in events)
    life = assess(events)
    assert life.outcome == "pending"
    assert life.delay_notices == ("2023-01-28",)
    assert life.due_on == DAY_42


@pytest.mark.parametrize(
    "text",
    [
        "De vragen van het lid Jansen over de zorgkosten zijn ingetrokken.",
        "Hierbij deel ik u mede dat de schriftelijke vragen door de vragensteller zijn INGETROKKEN.",
    ],
)
def test_record_notice_of_withdrawal(text: str) -> None:
    events = record_events("notice", ASKED, "2023-01-20", text)
    assert not any(e.kind == "answer" for e in events)
    assert assess(events).outcome == "withdrawn"


@pytest.mark.parametrize(
    "text",
    [
        "De vragen van het lid Jansen zijn beantwoord bij brief van 20 januari 2023.",
        "Hierbij deel ik u mede dat de vragen per brief zijn beantwoord (Kamerstuk 36 200, nr. 12).",
    ],
)
def test_record_notice_answered_by_letter(text: str) -> None:
    events = record_events("notice", ASKED, "2023-01-20", text)
    assert not any(e.kind == "withdrawal" for e in events)
    life = assess(events)
    assert life.outcome == "answered"  # received on day 10, within the three weeks
    assert life.answered_on is not None


# --- what the SyncFeed case history says -----------------------------------------------------


def test_case_history_answered_on_day_21() -> None:
    docs = [("Schriftelijke vragen", ASKED, None), ("Antwoord schriftelijke vragen", DAY_21, None)]
    life = assess(case_events(ASKED, docs), known_from="sync")
    assert life.outcome == "answered"
    assert life.answered_on == DAY_21
    assert life.days_taken == 21
    assert life.known_from == "sync"


def test_case_history_nader_answer_does_not_move_the_first() -> None:
    # Listed nader first; the first answer in time (day 22) is the one that counts.
    docs = [
        ("Antwoord schriftelijke vragen (nader)", "2023-03-01", None),
        ("Schriftelijke vragen", ASKED, None),
        ("Antwoord schriftelijke vragen", DAY_22, None),
    ]
    life = assess(case_events(ASKED, docs))
    assert life.answered_on == DAY_22
    assert life.days_taken == 22
    assert life.outcome == "answered_late"


@pytest.mark.parametrize("answered_on, outcome", [(DAY_42, "answered"), (DAY_43, "answered_late")])
def test_case_history_delay_notice(answered_on: str, outcome: str) -> None:
    docs = [
        ("Schriftelijke vragen", ASKED, None),
        ("Mededeling (uitstel antwoord)", "2023-01-30", None),
        ("Antwoord schriftelijke vragen", answered_on, None),
    ]
    life = assess(case_events(ASKED, docs))
    assert life.delay_notices == ("2023-01-30",)
    assert life.due_on == DAY_42
    assert life.outcome == outcome


@pytest.mark.parametrize(
    "said, outcome",
    [("withdrawn", "withdrawn"), ("answered_by_letter", "answered"), ("other", "pending"), (None, "pending")],
)
def test_case_history_a_mededeling_counts_by_what_it_says(said: str | None, outcome: str) -> None:
    # None: not read (yet), so it says nothing; "other" says nothing about the life.
    docs = [("Schriftelijke vragen", ASKED, None), ("Mededeling", "2023-01-20", said)]
    life = assess(case_events(ASKED, docs))
    assert life.outcome == outcome
    if outcome == "withdrawn":
        assert life.status(date(2030, 1, 1)) == "withdrawn"


def test_case_history_mededeling_with_answer_is_answered() -> None:
    docs = [
        ("Schriftelijke vragen", ASKED, None),
        ("Mededeling", "2023-01-20", "withdrawn"),
        ("Antwoord schriftelijke vragen", "2023-01-25", None),
    ]
    life = assess(case_events(ASKED, docs))
    assert life.outcome == "answered"
    assert life.days_taken == 15


def test_case_history_unknown_soorten_say_nothing() -> None:
    noise = [("Brief regering", "2023-01-12", None), ("Motie", "2023-02-10", None), ("", None, None)]
    plain = case_events(ASKED, [("Schriftelijke vragen", ASKED, None)])
    assert case_events(ASKED, [("Schriftelijke vragen", ASKED, None), *noise]) == plain
    life = assess(case_events(ASKED, noise))
    assert life.outcome == "pending"
    assert life.due_on == DAY_21
    assert life.status(d(DAY_22)) == "overdue"


# --- every surface value is one of the five statuses ------------------------------------------

HISTORIES = {
    "nothing": [],
    "asked": [asked()],
    "asked_unknown": [asked(None)],
    "delayed": [asked(), delay(DAY_21)],
    "answered": [asked(), answer(DAY_21)],
    "late": [asked(), answer(DAY_43)],
    "nader": [asked(), answer(DAY_22), answer("2023-03-01")],
    "withdrawn": [asked(), withdrawal("2023-01-20")],
    "both": [asked(), withdrawal("2023-01-20"), answer("2023-01-25")],
    "answer_unknown": [asked(), answer(None)],
    "delay_after": [asked(), answer(DAY_22), delay("2023-02-05")],
}


@pytest.mark.parametrize("name", sorted(HISTORIES))
@pytest.mark.parametrize("termijn", [None, "2023-02-15"])
def test_every_status_is_one_of_five(name: str, termijn: str | None) -> None:
    life = assess(HISTORIES[name], termijn=termijn)
    assert life.outcome in ("pending", "answered", "answered_late", "withdrawn")
    for on in (d(ASKED), d(DAY_21), d(DAY_22), d(DAY_43), date(2030, 1, 1)):
        value = life.status(on)
        assert value in FIVE
        assert value == status(life.outcome, life.due_on, on)
        # Each status is found under its own filter, and the shorthands are unions of them.
        assert value in statuses(value)
        assert (value in statuses("unanswered")) == (value in ("open", "overdue"))
        assert (value in statuses("late")) == (value in ("overdue", "answered_late"))
