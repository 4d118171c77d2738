"""Property tests: the text pipeline never crashes on random text, keeps its invariants,
and round-trips a generated well-formed document."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamervragen.extract import DocumentError
from kamervragen.parse import parse_bytes
from kamervragen.parse.clean import Cleaned, clean_pages, join_lines
from kamervragen.parse.dutch import join_hyphenated, repair_accents, split_glued
from kamervragen.parse.segment import Segmented, parse_numbers, segment
from kamervragen.record import Record

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Spacing accent marks that repair_accents combines with the letter before them.
SPACING_ACCENTS = "\u00b4\u02ca\u00b8\u00a8\u02c7\u02c6\u02dc\u02da"

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "éëèêïíöóüúàáçĳÉËÏÖÜ"
    "0123456789"
    " .,;:!?-–()[]/«»‘’“”'\"&%#=_"
    "\n\n\t\f\u00a0\u00ad\ufffe\ufb01\ufb02⟦⟧" + SPACING_ACCENTS
)

SNIPPETS = [
    "Vraag 1",
    "Vraag 3",
    "Vraag 0",
    "Vraag 12a",
    "Vragen 2 en 3",
    "Vraag 3, 4 en 5",
    "Vragen 1 t/m 4",
    "Antwoord 1",
    "Antwoord 3, 4, 5",
    "Antwoord op vragen 2 en 3",
    "Antwoord op vraag 1",
    "Antwoord vraag 7, 8 en 9",
    "Antwoord:",
    "Antwoord",
    "Antwoorden 1 tot en met 9",
    "\n1. ",
    "\n2) ",
    "\n1 ",
    "\n2 ",
    "1https://www.example.nl/a-",
    "https://",
    "www.rijksoverheid.nl/",
    "ISSN 0921 - 7398",
    "ah-tk-20202021-1234",
    "kv-tk-2021Z09876",
    "’s-Gravenhage 2021",
    "Tweede Kamer, vergaderjaar 2020–2021, Aanhangsel",
    "Tweede Kamer der Staten-Generaal",
    "Vragen van het lid Jansen (SP) aan de Minister van Financiën over geld (ingezonden 3 juni 2021).",
    "Antwoord van Minister Hoekstra (Financiën) (ontvangen 7 juli 2021).",
    "Antwoorden van de Minister van Financiën op vragen van het lid Jansen over geld",
    "Datum\n12 mei 2021",
    "Mededeling",
    "CO2",
    "gecompen-\nseerd",
    "gecompen\ufffeseerd",
    "Kostic´",
    "Yes¸ilgöz",
    "?\n\n",
    "hetkader",
]

text_pieces = st.one_of(st.text(alphabet=ALPHABET, max_size=40), st.sampled_from(SNIPPETS))
random_text = st.lists(text_pieces, max_size=30).map("".join)
random_lines = random_text.map(lambda t: t.split("\n"))
random_pages = random_text.map(lambda t: [page.split("\n") for page in t.split("\f")])


def check_record(record: Record) -> None:
    numbers = [q.number for q in record.questions]
    for n in numbers:
        assert type(n) is int and n >= 0
    for answer in record.answers:
        assert all(type(n) is int for n in answer.questions)
    assert set(record.unanswered) <= set(numbers)


# --- never crash ----------------------------------------------------------------------


@SETTINGS
@given(random_pages)
def test_clean_pages_never_crashes(pages: list[list[str]]) -> None:
    cleaned = clean_pages(pages)
    assert isinstance(cleaned, Cleaned)
    assert all(isinstance(line, str) for line in cleaned.lines)
    for note in cleaned.notes:
        assert isinstance(note.text, str)
        assert all(isinstance(u, str) for u in note.urls)
    assert len(set(cleaned.identifiers)) == len(cleaned.identifiers)


@SETTINGS
@given(random_lines)
def test_segment_never_crashes(lines: list[str]) -> None:
    seg = segment(lines)
    assert isinstance(seg, Segmented)
    for s in seg.segments:
        assert s.kind in ("question", "answer")
        assert all(type(n) is int and n >= 0 for n in s.numbers)


@SETTINGS
@given(random_pages)
def test_segment_after_cleaning_never_crashes(pages: list[list[str]]) -> None:
    seg = segment(clean_pages(pages).lines)
    for s in seg.segments:
        assert all(type(n) is int and n >= 0 for n in s.numbers)


@SETTINGS
@given(random_lines)
def test_join_lines_never_crashes(lines: list[str]) -> None:
    joined = join_lines(lines)
    assert isinstance(joined, str)
    assert joined == joined.strip()


@SETTINGS
@given(random_text)
def test_parse_bytes_text_never_crashes(text: str) -> None:
    try:
        records = parse_bytes(text.encode("utf-8"), name="x.txt")
    except DocumentError as exc:
        assert str(exc)
        return
    assert isinstance(records, list)
    for record in records:
        assert isinstance(record, Record)
        check_record(record)


@SETTINGS
@given(st.binary(max_size=300))
def test_parse_bytes_binary_as_text_never_crashes(data: bytes) -> None:
    try:
        records = parse_bytes(data, name="x.txt")
    except DocumentError:
        return
    for record in records:
        check_record(record)


# --- small functions ------------------------------------------------------------------

number_text = st.one_of(
    st.text(alphabet="0123456789 ,-–/&abcdeilmnot", max_size=40),
    st.lists(
        st.one_of(
            st.integers(0, 200).map(str),
            st.sampled_from([", ", " en ", " t/m ", " tot en met ", "–", "-", " & ", ",en "]),
        ),
        max_size=12,
    ).map("".join),
    st.text(max_size=30),
)


@SETTINGS
@given(number_text)
def test_parse_numbers_sorted_unique(text: str) -> None:
    numbers = parse_numbers(text)
    assert all(type(n) is int and n >= 0 for n in numbers)
    assert numbers == sorted(set(numbers))


words_or_text = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëABCPVV- ", max_size=15),
    st.sampled_from(["gecompen", "seerd", "Jean", "Pierre", "PVV", "minister", "", "-", "a", "zorg"]),
)


@SETTINGS
@given(words_or_text, words_or_text)
def test_join_hyphenated_keeps_or_drops_the_hyphen(left: str, right: str) -> None:
    allowed = [left + right, left + "-" + right]
    if right.split(" ")[0] in ("en", "of", "tot"):  # "aanloop- en volloopverliezen"
        allowed.append(left + "- " + right)
    assert join_hyphenated(left, right) in allowed


@SETTINGS
@given(st.text().filter(lambda t: not any(mark in t for mark in SPACING_ACCENTS)))
def test_repair_accents_leaves_text_without_accent_marks(text: str) -> None:
    assert repair_accents(text) == text


@SETTINGS
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzA" + SPACING_ACCENTS + " ", max_size=30))
def test_repair_accents_never_grows(text: str) -> None:
    assert len(repair_accents(text)) <= len(text)


@SETTINGS
@given(st.text(max_size=30))
def test_split_glued_only_inserts_one_space(token: str) -> None:
    out = split_glued(token)
    assert out == token or (out.replace(" ", "", 1) == token and out.count(" ") == token.count(" ") + 1)


# --- round trip of a generated well-formed document -----------------------------------

WORDS = [
    "de", "het", "een", "en", "is", "dat", "niet", "ook", "met", "voor",
    "wat", "hoe", "kan", "wij", "zij", "er", "nog", "wel", "geld", "huis",
    "werk", "school", "water", "tijd", "land", "mensen", "regering", "plan", "zorg", "goed",
]  # fmt: skip
NAMES = ["Jansen", "De Vries", "Bakker", "Visser", "Smit"]


def sentences(end: str) -> st.SearchStrategy[str]:
    sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(lambda ws: " ".join(ws) + end)
    return st.lists(sentence, min_size=1, max_size=3).map(" ".join)


def wrap(text: str, width: int) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + width]) for i in range(0, len(words), width)]


def answer_label(numbers: list[int], style: int) -> str:
    if len(numbers) == 1:
        return ["Antwoord {}", "Antwoord op vraag {}", "Antwoord vraag {}"][style % 3].format(numbers[0])
    listed = ", ".join(map(str, numbers[:-1])) + " en " + str(numbers[-1])
    return ["Antwoord op vragen {}", "Antwoord vraag {}", "Antwoord {}"][style % 3].format(listed)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, object]:
    n = draw(st.integers(1, 10))
    # Consecutive groups of questions answered together.
    groups: list[list[int]] = []
    number = 1
    while number <= n:
        size = draw(st.integers(1, min(3, n - number + 1)))
        groups.append(list(range(number, number + size)))
        number += size
    answered = groups[:-1] if len(groups) > 1 and draw(st.booleans()) else groups
    questions = {q: draw(sentences("?")) for q in range(1, n + 1)}
    answers = [draw(sentences(".")) for _ in answered]
    width = draw(st.integers(3, 15))
    style = draw(st.integers(0, 2))
    interleaved = draw(st.booleans())
    name = draw(st.sampled_from(NAMES))
    title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))

    heading = (
        f"Vragen van het lid {name} (SP) aan de Minister van Financiën over {title} (ingezonden 3 juni 2021)."
    )
    lines = [*wrap(heading, width), ""]

    def question_lines(q: int) -> list[str]:
        return [f"Vraag {q}", *wrap(questions[q], width), ""]

    def answer_lines(i: int) -> list[str]:
        return [answer_label(answered[i], style), *wrap(answers[i], width), ""]

    if interleaved:
        for i, group in enumerate(groups):
            for q in group:
                lines += question_lines(q)
            if i < len(answered):
                lines += answer_lines(i)
    else:
        for q in range(1, n + 1):
            lines += question_lines(q)
        for i in range(len(answered)):
            lines += answer_lines(i)
    return {
        "text": "\n".join(lines) + "\n",
        "questions": questions,
        "answered": answered,
        "answers": answers,
        "name": name,
        "title": title,
    }


def collapse(text: str) -> str:
    return " ".join(text.split())


@SETTINGS
@given(documents())
def test_generated_document_round_trips(doc: dict[str, object]) -> None:
    records = parse_bytes(str(doc["text"]).encode("utf-8"), name="x.txt")
    assert len(records) == 1
    record = records[0]
    check_record(record)

    questions: dict[int, str] = doc["questions"]  # type: ignore[assignment]
    answered: list[list[int]] = doc["answered"]  # type: ignore[assignment]
    answers: list[str] = doc["answers"]  # type: ignore[assignment]

    assert [q.number for q in record.questions] == sorted(questions)
    assert {q.number: collapse(q.text) for q in record.questions} == questions
    assert [a.questions for a in record.answers] == answered
    assert [collapse(a.text) for a in record.answers] == answers
    covered = {n for group in answered for n in group}
    assert record.unanswered == [q for q in sorted(questions) if q not in covered]
    assert record.kind == "answer"

    assert [m.name for m in record.submitters] == [doc["name"]]
    assert record.submitters[0].party == "SP"
    assert record.title == doc["title"]
    assert record.submitted_on == "2021-06-03"
    assert [(o.role, o.portfolio) for o in record.addressees] == [("Minister", "Financiën")]


@SETTINGS
@given(documents())
def test_generated_questions_only_document_round_trips(doc: dict[str, object]) -> None:
    """The same document without any answers: a set of questions."""
    text = str(doc["text"])
    kept: list[str] = []
    skipping = False
    for line in text.split("\n"):
        if line.startswith("Antwoord"):
            skipping = True
        elif line.startswith("Vraag"):
            skipping = False
        if not skipping:
            kept.append(line)
    records = parse_bytes("\n".join(kept).encode("utf-8"), name="x.txt")
    record = records[0]
    questions: dict[int, str] = doc["questions"]  # type: ignore[assignment]
    assert {q.number: collapse(q.text) for q in record.questions} == questions
    assert record.answers == []
    assert record.kind == "questions"
