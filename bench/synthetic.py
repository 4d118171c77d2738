"""A synthetic corpus for scale: records of realistic size whose text is drawn from the real
corpus (its sentences, recombined), dates spread over thirty years, askers, parties and
ministries taken from the real documents.

    .venv/bin/python bench/synthetic.py 1000 > synthetic.jsonl

About 3.3 question and answer blocks per set, as the issue's 300k sets ≈ 1M blocks asks.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import corpus_dir  # noqa: E402

from kamervragen.extract import DocumentError  # noqa: E402
from kamervragen.ingest import document_files  # noqa: E402
from kamervragen.parse import parse_path  # noqa: E402
from kamervragen.record import Answer, Answerer, Member, Office, Question, Record  # noqa: E402

_SENTENCE = re.compile(r"[^.?!]+[.?!]")


class Vocabulary:
    """Sentences, titles, people and offices of the real corpus."""

    def __init__(self, corpus: Path) -> None:
        self.questions: list[str] = []
        self.answers: list[str] = []
        self.titles: list[str] = []
        self.members: list[Member] = []
        self.offices: list[Office] = []
        for path in document_files([corpus]):
            try:
                records = parse_path(path)
            except DocumentError:
                continue
            for r in records:
                self.questions += [
                    s.strip() for q in r.questions for s in _SENTENCE.findall(q.text) if len(s) > 20
                ]
                self.answers += [
                    s.strip() for a in r.answers for s in _SENTENCE.findall(a.text) if len(s) > 20
                ]
                if r.title:
                    self.titles.append(r.title)
                self.members += [m for m in r.submitters if m.party]
                self.offices += [o for o in r.addressees if o.portfolio]
        if not self.questions or not self.answers:
            sys.exit(f"no usable documents under {corpus}")


def records(vocabulary: Vocabulary, count: int, seed: int = 1) -> Iterator[Record]:
    rng = random.Random(seed)
    start, days = date(1995, 1, 1), 365 * 30
    for n in range(count):
        submitted = start + timedelta(days=rng.randrange(days))
        received = submitted + timedelta(days=int(rng.expovariate(1 / 30)) + 3)
        n_questions = rng.choice([1, 1, 2, 2, 2, 3])
        questions = [
            Question(number=i, text=" ".join(rng.choices(vocabulary.questions, k=rng.randint(1, 3))))
            for i in range(1, n_questions + 1)
        ]
        answered = rng.random() < 0.8
        answers = []
        if answered:
            groups = (
                [[q.number for q in questions]] if rng.random() < 0.3 else [[q.number] for q in questions]
            )
            answers = [
                Answer(questions=g, text=" ".join(rng.choices(vocabulary.answers, k=rng.randint(1, 5))))
                for g in groups
            ]
        office = rng.choice(vocabulary.offices)
        yield Record(
            id=f"ah-tk-syn-{seed}-{n}",
            kind="answer" if answered else "questions",
            chamber="Tweede Kamer",
            session_year=f"{submitted.year}-{submitted.year + 1}",
            title=rng.choice(vocabulary.titles),
            submitted_on=submitted.isoformat(),
            received_on=received.isoformat() if answered else None,
            submitters=rng.sample(vocabulary.members, k=rng.choice([1, 1, 2, 3])),
            addressees=[office],
            answered_by=[Answerer(role=office.role, name="Minister", portfolio=office.portfolio)]
            if answered
            else [],
            questions=questions,
            answers=answers,
        )


if __name__ == "__main__":
    vocab = Vocabulary(corpus_dir())
    for record in records(vocab, int(sys.argv[1]) if len(sys.argv) > 1 else 1000):
        print(record.model_dump_json())
