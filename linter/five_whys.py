"""A postmortem's five-whys chain: found once in the Root cause section, read step by step.

The chain is the ordered or bullet list right after a ``Five whys`` label in the Root cause
section (a heading, a bold paragraph, ``Five whys:``) or the list of a section titled so. A
step reads ``Why …? Answer``: the question up to the first ``?`` when it starts with "why",
the rest the answer. Words are compared by a crude stem (lower case, the first five letters
of words of three or more), code spans included: ``evicted``/``eviction`` and
``removal``/``removed`` are one word, which is all the comparisons below need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter import formatspec

_LABEL = re.compile(r"^\W*(five|5)[\s-]+whys?\W*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")
_STOP = frozenset("""
the and for was were are did does not why what which who that this these those with from into onto
its his her their our there then than been being have has had but because also only just very any all
each every some such when where how into out off over under again still yet one two its it's
they them she him you your was get got
""".split())


@dataclass(frozen=True)
class Step:
    line: int
    question: str  # "" when the step asks nothing
    answer: str

    @property
    def question_words(self) -> frozenset[str]:
        return stems(self.question)

    @property
    def answer_words(self) -> frozenset[str]:
        return stems(self.answer)


def terms(text: str) -> dict[str, str]:
    """``{stem: the word as first written}`` of the content words of ``text``."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word.lower() not in _STOP:
            found.setdefault(word.lower()[:5], word)
    return found


def stems(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def _step(line: int, text: str) -> Step:
    text = " ".join(text.split())
    if text.lower().startswith("why") and "?" in text:
        question, answer = text.split("?", 1)
        return Step(line, question.strip() + "?", answer.strip())
    return Step(line, "", text)


def _items(tokens, start: int) -> list[Step]:
    """The steps of the list that opens at ``tokens[start]`` (its top-level items' first paragraphs)."""
    opened = tokens[start]
    steps, depth = [], 0
    for token in tokens[start + 1:]:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            if depth == 0:
                break
            depth -= 1
        elif token.type == "inline" and depth == 0 and token.level == opened.level + 3 and token.map:
            if not steps or steps[-1].line != token.map[0] + 1:
                steps.append(_step(token.map[0] + 1, token.content.replace("`", "")))
    return steps


def _is_label(token) -> bool:
    return token.type == "inline" and bool(_LABEL.match(token.content.replace("*", "").replace("_", "")))


def five_whys(document) -> list[Step] | None:
    """The chain's steps, or None when the Root cause section holds no five-whys list."""
    for section in document.sections_named("Root cause"):
        tokens = section.tokens()
        labelled = formatspec.normalize_heading(section.title) in ("five whys", "5 whys")
        for index, token in enumerate(tokens):
            if _is_label(token):
                labelled = True
            elif labelled and token.type in ("ordered_list_open", "bullet_list_open"):
                return _items(tokens, index)
            elif token.type == "heading_open":
                labelled = False
    return None
