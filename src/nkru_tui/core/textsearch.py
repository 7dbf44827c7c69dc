"""Search in the user's texts that are not indexed events: notes, own actors, source texts.

The matcher is the events' own (``index.py``): the same folded tokens (``textnorm``), prefix
and phrase rules, and phonetic keys across Latin, Cyrillic and Hangul (``translit``), over a
small in-memory index of records of any kind (a ``TokenIndex``). A query's terms are combined
as the engine combines them for events (``eval_terms``): neighbouring words may spell one
name in another script (Choe Son Hui = 최선희).

``Marks`` says what to highlight of a query in a text: the words a literal query word starts,
and the words (or runs of words) of another script that a query word matches by its key.

Nothing here imports Textual.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Generic, NamedTuple, TypeVar

from .index import (
    MIN_PREFIX,
    has_run,
    phonetic_phrase_hits,
    phonetic_phrase_seqs,
    phonetic_word_hits,
    phonetic_word_seqs,
    seq_contains,
    word_matches,
)
from .query import Query, Term
from .textnorm import fold, tokens_uncached
from .translit import PhoneticMap

X = TypeVar("X", bound=Hashable)

# At most this many words of a query are read together as one name in another script
# (Kim Il Sung University = 김일성종합대학 is the longest common case).
MAX_JOINED_WORDS = 6

# A fixed pattern over the text's words; no user input is ever compiled as a regex.
_WORD = re.compile(r"\w+")


class TokenIndex(Generic[X]):
    """Records (any hashable key) as sequences of folded tokens, searched as events are."""

    def __init__(self, seqs: Mapping[X, Sequence[Sequence[str]]]) -> None:
        self.seqs = seqs
        post: dict[str, set[X]] = {}
        for key, runs in seqs.items():
            for run in runs:
                for tok in run:
                    got = post.get(tok)
                    if got is None:
                        post[tok] = {key}
                    else:
                        got.add(key)
        self.postings = post
        self.vocab = sorted(post)
        self._pm: PhoneticMap | None = None

    @classmethod
    def of_texts(cls, texts: Mapping[X, Iterable[str]]) -> TokenIndex[X]:
        """Over each record's texts (a field, a line: phrases are matched within one)."""
        return cls({k: [tokens_uncached(t) for t in ts if t] for k, ts in texts.items()})

    def __bool__(self) -> bool:
        return bool(self.postings)

    def phonetic(self) -> PhoneticMap:
        if self._pm is None:
            self._pm = PhoneticMap(self.vocab)
        return self._pm

    def words(self, word: str, prefix: bool = True) -> set[X]:
        """Records with a token that ``word`` is (or, with ``prefix``, begins)."""
        out: set[X] = set()
        for tok in word_matches(self.vocab, word, prefix):
            out |= self.postings[tok]
        return out

    def _all_words(self, words: tuple[str, ...], last_prefix: bool) -> set[X]:
        cand: set[X] | None = None
        for i, w in enumerate(words):
            hits = self.words(w, prefix=last_prefix and i == len(words) - 1)
            cand = hits if cand is None else cand & hits
            if not cand:
                return set()
        return cand or set()

    def phrase(self, words: tuple[str, ...]) -> set[X]:
        """Records holding ``words`` consecutively in one text, the last one as a prefix."""
        seqs = self.seqs
        return {
            k
            for k in self._all_words(words, True)
            if any(seq_contains(list(s), words) for s in seqs[k])
        }

    def exact(self, words: tuple[str, ...]) -> set[X]:
        """Records holding ``words`` as consecutive whole tokens of one text."""
        seqs = self.seqs
        return {k for k in self._all_words(words, False) if any(has_run(s, words) for s in seqs[k])}

    def joined(self, words: tuple[str, ...]) -> set[X]:
        """Records holding ``words`` as ONE name in another script (Choe Son Hui: 최선희)."""
        if not self.postings:
            return set()
        return phonetic_phrase_hits(self.phonetic(), self.postings, self.exact, words)

    def term(self, words: tuple[str, ...], phrase: bool = False) -> set[X]:
        """What a query term finds: its words as written, or in another script."""
        if not self.postings:
            return set()
        if not phrase and len(words) == 1:
            found = self.words(words[0])
            other = phonetic_word_hits(self.phonetic(), self.postings, self.exact, words[0])
        else:
            found = self.phrase(words)
            other = self.joined(words)
        return found | other

    def query(self, q: Query) -> set[X] | None:
        """Records matching ``q``'s terms (None: no terms, every record)."""
        return eval_terms(
            q.terms, lambda t: self.term(t.words, t.phrase), self.joined, lambda: set(self.seqs)
        )


def best_cutting(
    singles: Sequence[Iterable[X] | set[X]],
    joined: Mapping[tuple[int, int], set[X] | frozenset[X]],
) -> set[X]:
    """The records matching some cutting of a run of terms into single terms (``singles``,
    one set per term) and names spelt by several neighbours (``joined[(j, i)]``: the records
    holding terms j..i-1 as one name)."""
    m = len(singles)
    best: list[set[X] | None] = [None] * (m + 1)  # None: everything
    for i in range(1, m + 1):
        acc: set[X] = set()
        for j in range(i):
            part = singles[j] if i - j == 1 else joined.get((j, i))
            if part is None or (j > 0 and not best[j]):
                continue
            prev = best[j]
            # a set stays what it is (the on-disk index's bitsets are read in C)
            got = part if isinstance(part, AbstractSet) else set(part)
            acc |= got if prev is None else (prev & got)
        best[i] = acc
    return best[m] or set()


def run_words(run: Sequence[Term]) -> Iterable[tuple[int, int, tuple[str, ...]]]:
    """``(j, i, words)`` of every stretch of two or more neighbouring terms of ``run`` that
    may spell one name (at most ``MAX_JOINED_WORDS`` words)."""
    for j in range(len(run) - 1):
        for i in range(j + 2, len(run) + 1):
            words = tuple(w for t in run[j:i] for w in t.words)
            if len(words) > MAX_JOINED_WORDS:
                break
            yield j, i, words


def eval_terms(
    terms: Sequence[Term],
    term_hits: Callable[[Term], set[X]],
    joined_hits: Callable[[tuple[str, ...]], set[X]],
    universe: Callable[[], set[X]],
) -> set[X] | None:
    """Records matching every positive term (a run of neighbours may be one name in another
    script) and no negated one; None when there are no terms."""
    if not terms:
        return None
    result: set[X] | None = None
    run: list[Term] = []
    negs: list[Term] = []
    parts: list[set[X]] = []
    for t in (*terms, None):
        if t is not None and not t.negated:
            run.append(t)
            continue
        if run:
            singles = [term_hits(r) for r in run]
            joined = {}
            for j, i, words in run_words(run):
                hits = joined_hits(words)
                if hits:
                    joined[(j, i)] = hits
            parts.extend(singles if not joined else [best_cutting(singles, joined)])
            run = []
        if t is not None:
            negs.append(t)
    for s in sorted(parts, key=len):
        result = set(s) if result is None else result & s
        if not result:
            return set()
    for t in negs:
        if result is None:
            result = universe()
        result -= term_hits(t)
    return result


# ---------------------------------------------------------------------- highlighting


class Marks(NamedTuple):
    """What of a query to mark in a text, as the engine matches it: words that begin with a
    literal query word (``prefixes``), consecutive words of a literal phrase, the last one
    as a prefix (``phrases``), and exact runs of tokens (``seqs``) that a query word or name
    matches in another script (лавров for Lavrov; choe son hui for 최선희)."""

    prefixes: frozenset[str] = frozenset()
    seqs: frozenset[tuple[str, ...]] = frozenset()
    phrases: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def literal(cls, terms: Iterable[str]) -> Marks:
        """Marks of folded words and phrases as written (``Query.highlight_terms``)."""
        words = [tuple(t.split()) for t in terms]
        return cls(
            frozenset(w[0] for w in words if len(w) == 1),
            phrases=frozenset(w for w in words if len(w) > 1),
        )

    def __bool__(self) -> bool:
        return bool(self.prefixes or self.seqs or self.phrases)

    def __or__(self, other: Marks) -> Marks:
        return Marks(
            self.prefixes | other.prefixes, self.seqs | other.seqs, self.phrases | other.phrases
        )

    def word_marked(self, tok: str) -> bool:
        """Whether a word (folded) is marked on its own."""
        return (tok,) in self.seqs or any(_starts(tok, p) for p in self.prefixes)

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Character spans of ``text[start:end]`` to mark, in order, as offsets into ``text``."""
        if not self or not text:
            return []
        words = [
            (fold(m.group()), m.start(), m.end())
            for m in _WORD.finditer(text, start, len(text) if end is None else end)
        ]
        out: list[tuple[int, int]] = []
        runs: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for s in self.seqs:
            if len(s) > 1:
                runs.setdefault(s[0], []).append((s, False))
        for s in self.phrases:
            runs.setdefault(s[0], []).append((s, True))
        for i, (tok, a, b) in enumerate(words):
            if self.word_marked(tok):
                out.append((a, b))
            for s, last_prefix in runs.get(tok, ()):
                got = [w[0] for w in words[i : i + len(s)]]
                if len(got) == len(s) and (
                    got[:-1] == list(s[:-1])
                    and (_starts(got[-1], s[-1]) if last_prefix else got[-1] == s[-1])
                ):
                    out.append((a, words[i + len(s) - 1][2]))
        return merge_spans(out)


def _starts(tok: str, prefix: str) -> bool:
    """``tok`` is ``prefix`` or, as the engine matches a word, begins with it (a word too
    short to be a prefix, ``MIN_PREFIX``, only itself)."""
    return tok == prefix or (
        tok.startswith(prefix) and (len(prefix) >= MIN_PREFIX or not prefix.isascii())
    )


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` in order, overlapping ones made one (touching ones stay apart)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def marks_for(q: Query, maps: Iterable[PhoneticMap]) -> Marks:
    """The ``Marks`` of ``q``'s positive terms among the words some indexes hold (``maps``:
    their phonetic keys): every word as a prefix, and what each term, phrase or run of
    neighbouring terms matches in another script."""
    literal = Marks.literal(q.highlight_terms())
    seqs: set[tuple[str, ...]] = set()
    runs: list[list[Term]] = [[]]
    for t in q.terms:
        if t.negated:
            runs.append([])
        else:
            runs[-1].append(t)
    for pm in maps:
        for run in runs:
            for t in run:
                if len(t.words) == 1:
                    seqs.update(phonetic_word_seqs(pm, t.words[0]))
                else:
                    seqs.update(phonetic_phrase_seqs(pm, t.words))
            for _j, _i, words in run_words(run):
                seqs.update(phonetic_phrase_seqs(pm, words))
    return Marks(literal.prefixes, frozenset(seqs), literal.phrases)


# ---------------------------------------------------------------------- long texts


class Passage(NamedTuple):
    """A line of a text holding a match: its number (from 1), and the marked spans (offsets
    into the whole text)."""

    line: int
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]


class LineIndex:
    """A long text (a source's) indexed by line: line number (from 0) -> its tokens."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        lines = text.split("\n")
        for ln in lines[:-1]:
            starts.append(starts[-1] + len(ln) + 1)
        self.starts = starts
        self.index: TokenIndex[int] = TokenIndex(
            {i: [tokens_uncached(ln)] for i, ln in enumerate(lines) if ln and not ln.isspace()}
        )

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def line_span(self, i: int) -> tuple[int, int]:
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def marked_lines(self, marks: Marks) -> list[int]:
        """The lines holding something ``marks`` marks."""
        idx = self.index
        lines: set[int] = set()
        for p in marks.prefixes:
            lines |= idx.words(p)
        for ph in marks.phrases:
            lines |= idx.phrase(ph)
        for s in marks.seqs:
            lines |= idx.postings.get(s[0], set()) if len(s) == 1 else idx.exact(s)
        return sorted(lines)

    def passages(self, marks: Marks, limit: int | None = None) -> list[Passage]:
        """The lines with a match, in order (at most ``limit``)."""
        out = []
        for i in self.marked_lines(marks):
            a, b = self.line_span(i)
            spans = marks.spans(self.text, a, b)
            if spans:
                out.append(Passage(i + 1, a, b, tuple(spans)))
                if limit is not None and len(out) >= limit:
                    break
        return out

    def find(self, marks: Marks) -> list[tuple[int, int]]:
        """Every marked span of the whole text, in order."""
        return [sp for p in self.passages(marks) for sp in p.spans]


__all__ = [
    "MAX_JOINED_WORDS",
    "LineIndex",
    "Marks",
    "Passage",
    "TokenIndex",
    "best_cutting",
    "eval_terms",
    "marks_for",
    "merge_spans",
    "run_words",
]
