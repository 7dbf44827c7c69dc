"""Coarse phonetic keys that let a name match across Latin, Cyrillic and Hangul.

The curated actors carry hand-written aliases in every script; a user's own titles, summaries,
quotes and notes do not. So a word is also given a *phonetic key*: a short string over a
coarse alphabet that the Latin, Cyrillic and Hangul spellings of one name share, and that is
compared only against words of ANOTHER script (a Latin word never matches a Latin word through
its key, so Latin searches over Latin text are exactly as before).

How the key is made (one pipeline, three front ends):

1. Each script is read into an intermediate string of consonant classes (upper case) and
   plain vowels (lower case):

   - Latin, as the press writes Korean names (McCune-Reischauer without diacritics: Choe Son
     Hui, Masikryong), South Korea's Revised Romanization (Choe Seon-hui, Masikryeong), and
     Russian names in BGN/ISO-like spelling (Kozhemyako, Shoigu, Primorye);
   - Cyrillic by a GOST/BGN-like table, plus the Russian conventions for Korean (Kontsevich and
     the older press spelling): an aspiration ``х`` after п/т/к/ч is dropped (Пхеньян, Чхве),
     ``дж``/``чж`` are one affricate (Синыйджу, Чжон);
   - Hangul by arithmetic on the syllable (U+AC00 + (initial*21 + medial)*28 + final) and a jamo
     table written for this module (no library): the silent initial ieung, final ieung as n.

2. The classes collapse what the romanizations and transcriptions disagree on: k/g/kh-less
   q/c, t/d/th, p/b/ph, ch/j/z/zh/dzh/tch (Korean writes a z with ㅈ), s/sh/ss/shch, r/l, n/ng (a g after n is dropped:
   Tumangang = Туманган = 두만강), aspiration, doubled letters, v/w inside a word (Чхве =
   Choe, Гвон = Gwon, Лавров = Lavrov) and y/j glides (Pyongyang = Пхеньян = 평양).

3. A run of vowels becomes ONE of three symbols: ``I`` when it holds an i (Ri = Ли = 리,
   Hui = Хи = 희, Shoigu = Шойгу), else ``A`` when it holds an a and no e (Rason = Расон), else
   ``V`` (eo/o/u/eu/e/ae/oe/yo...: Jong = Чен = 정, Sung = Сен = 성, Kaesong = Кэсон = 개성).

So the key is mostly a consonant skeleton: precise enough for names of five or more letters,
loose for short words. The matching rules in ``query_keys`` and ``phonetic_keys`` are what keep
false positives down: a lone query word needs a key of at least four symbols with two
consonants; shorter words ("Un", "Ri", "Yo") only take part inside a multi-word name; Hangul
words match at syllable boundaries only; Russian case endings are stripped from a closed list.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

LATIN, CYRILLIC, HANGUL, OTHER = "latin", "cyrillic", "hangul", "other"

_VOWELS = frozenset("aeiou")
_CONSONANT_CLASSES = frozenset("KTPCSHMNLWY")


def script_of(token: str) -> str:
    """The script of a folded token: latin, cyrillic, hangul, or other (digits, mixtures)."""
    if token.isascii():
        return LATIN if token.isalpha() else OTHER
    han = cyr = lat = 0
    for ch in token:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3:
            han += 1
        elif 0x0400 <= o <= 0x04FF:
            cyr += 1
        elif ch.isalpha() and o < 0x0250:
            lat += 1
        else:
            return OTHER
    if han and not (cyr or lat):
        return HANGUL
    if cyr and not (han or lat):
        return CYRILLIC
    if lat and not (han or cyr):
        return LATIN
    return OTHER


# ------------------------------------------------------------------ Latin

_LATIN_MULTI = (  # longest first at each position
    ("shch", "S"),
    ("sch", "S"),
    ("tch", "C"),
    ("dzh", "C"),
    ("dj", "C"),
    ("zh", "C"),
    ("ch", "C"),
    ("sh", "S"),
    ("kh", "H"),
    ("ph", "P"),
    ("th", "T"),
    ("gh", "K"),
    ("ck", "K"),
)
_LATIN_ONE = {
    "b": "P",
    "p": "P",
    "d": "T",
    "t": "T",
    "g": "G",
    "k": "K",
    "c": "K",
    "q": "K",
    "x": "KS",
    "j": "C",
    "s": "S",
    "z": "C",
    "h": "H",
    "f": "P",
    "m": "M",
    "n": "N",
    "l": "L",
    "r": "L",
}


_LATIN_PIECE = re.compile("|".join(m for m, _ in _LATIN_MULTI) + "|[a-z]")
_LATIN_SYM = {**_LATIN_ONE, **dict(_LATIN_MULTI)}


def _latin_syms(word: str) -> str:
    pieces = _LATIN_PIECE.findall(word.lower())
    out: list[str] = []
    last = len(pieces) - 1
    for i, c in enumerate(pieces):
        if c in _VOWELS:
            out.append(c)
        elif c == "y":  # a glide before a vowel (ya, yo, ye), else the vowel i (Shoygu, -sky)
            if i == last or pieces[i + 1] not in _VOWELS:
                out.append("i")
            elif out[-1:] == ["N"] or out[-2:] == ["N", "G"]:  # Pyongyang, not Pyongan
                out.append("Y")
        elif c in ("v", "w"):  # a consonant at the start (Wonsan, Vladivostok), a glide inside
            if i == 0:
                out.append("W")
        else:
            out.append(_LATIN_SYM[c])
    return "".join(out)


# ------------------------------------------------------------------ Cyrillic

_CYR_ONE = {
    "а": "a",
    "б": "P",
    "г": "G",
    "ґ": "G",
    "д": "T",
    "е": "e",
    "ё": "e",
    "є": "e",
    "ж": "C",
    "з": "C",
    "и": "i",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "K",
    "л": "L",
    "м": "M",
    "н": "N",
    "о": "o",
    "п": "P",
    "р": "L",
    "с": "S",
    "т": "T",
    "у": "u",
    "ў": "u",
    "ф": "P",
    "х": "H",
    "ц": "TS",
    "ч": "C",
    "ш": "S",
    "щ": "S",
    "ъ": "",
    "ы": "u",
    "ь": "",
    "э": "e",
    "ю": "u",
    "я": "a",
}
_CYR_VOWELS = frozenset("аеёєиіїоуўыэюя")


# Russian spellings of Korean surnames that are not transcriptions but the Soviet Koreans'
# readings, which the Russian press uses for the North's officials too (TASS: Цой Сон Хи for
# 최선희, Choe Son Hui): the Korean sound they stand for, as ``_hangul_syms`` reads it.
_CYR_SURNAMES = {"цои": "Coe"}  # as ``fold`` leaves it (й -> и)


def _cyr_r_keys(word: str) -> list[str]:
    """A Korean word's key as the North writes it, for a Russian spelling that follows the
    South's initial н (Нодон = 노동 = North 로동 = Rodong): the first н read as an r, before
    a vowel that is not и/е (the South drops, not changes, an r before those)."""
    if word in _CYR_SURNAMES:
        return [_finalize(_CYR_SURNAMES[word])]
    if len(word) > 2 and word[0] == "н" and word[1] in "аоуэы":
        return [_finalize("L" + _cyr_syms(word[1:]))]
    return []


def _cyr_syms(word: str) -> str:
    w = word.lower()
    out: list[str] = []
    i, n = 0, len(w)
    prev = ""
    while i < n:
        c = w[i]
        nxt = w[i + 1] if i + 1 < n else ""
        if c == "х" and prev in ("п", "т", "к", "ч"):  # Пхеньян, Чхве, Тхэк: aspiration
            pass
        elif c in "дч" and nxt == "ж":  # Синыйджу, Чжон
            out.append("C")
            i += 2
            prev = "ж"
            continue
        elif c in "ьъ" and prev == "н" and nxt in "яеёю":  # Пхеньян (평양), not Пхёнан (평안)
            out.append("Y")
        elif c == "в":
            if i == 0:
                out.append("W")
        elif c in "йи" and i == 0 and nxt in _CYR_VOWELS:  # a glide: Йонбён, (folded) Ионбен
            pass
        else:
            out.append(_CYR_ONE.get(c, ""))
        prev = c
        i += 1
    return "".join(out)


# ------------------------------------------------------------------ Hangul

_H_BASE, _H_LAST = 0xAC00, 0xD7A3
_H_INITIAL = (
    "G",
    "G",
    "N",
    "T",
    "T",
    "L",
    "M",
    "P",
    "P",
    "S",
    "S",
    "",
    "C",
    "C",
    "C",
    "K",
    "T",
    "P",
    "H",
)
# ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ (the y- and w-glides dropped)
_H_MEDIAL = (
    "a",
    "ae",
    "a",
    "ae",
    "o",
    "e",
    "o",
    "e",
    "o",
    "a",
    "ae",
    "oe",
    "o",
    "u",
    "o",
    "e",
    "i",
    "u",
    "u",
    "ui",
    "i",
)
_H_W_MEDIAL = frozenset((9, 10, 14, 15, 16))  # ㅘ ㅙ ㅝ ㅞ ㅟ: a w that starts a word is kept
_H_I_MEDIAL = frozenset((2, 3, 6, 7, 12, 17, 20))
_H_Y_MEDIAL = frozenset(
    (2, 3, 6, 7, 12, 17)
)  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ: 리 -> 이 in the South
# none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
_H_FINAL = (
    "",
    "K",
    "K",
    "K",
    "N",
    "N",
    "N",
    "T",
    "L",
    "K",
    "M",
    "L",
    "L",
    "L",
    "P",
    "L",
    "M",
    "P",
    "P",
    "T",
    "T",
    "N",
    "T",
    "T",
    "K",
    "T",
    "P",
    "T",
)
_IEUNG, _NIEUN, _RIEUL = 11, 2, 5

# one-syllable particles after which a one-syllable word still counts as that word
_PARTICLES_1 = frozenset("은는이가을를의에와과도로만")
# what may follow a name inside one Hangul word: particles (평양에서, 최선희가, 지역에는)
_PARTICLES = _PARTICLES_1 | frozenset(
    [
        "으로",
        "에서",
        "에는",
        "에서는",
        "에서의",
        "에게",
        "에게는",
        "까지",
        "부터",
        "과의",
        "와의",
        "과는",
        "와는",
        "으로는",
        "로는",
        "보다",
        "처럼",
        "이나",
        "이며",
        "이고",
        "이다",
        "이었다",
        "였다",
        "을까",
        "측은",
        "측이",
        "측과",
    ]
)
# a compound's head (평양종합대학, 원산갈마, 김일성종합대학) is cut off only if its key has
# this many symbols: a shorter one is too often a verb stem (새로운, 들어섰으며, 늘리고)
_MIN_HEAD_KEY = 5


def _syllables(word: str) -> list[tuple[int, int, int]]:
    out = []
    for ch in word:
        o = ord(ch) - _H_BASE
        out.append((o // 588, (o % 588) // 28, o % 28))
    return out


def _hangul_syms(syl: list[tuple[int, int, int]], initial_l: bool = False) -> str:
    """``syl``'s intermediate string; ``initial_l`` reads a first ㄴ/ㅇ as the ㄹ the North
    writes (South 노동 = North 로동 = Rodong; South 이 = North 리 = Ri)."""
    out: list[str] = []
    for k, (ini, med, fin) in enumerate(syl):
        if k == 0 and initial_l:
            out.append("L")
        elif k == 0 and ini == _IEUNG and med in _H_W_MEDIAL:
            out.append("W")  # 원산 Wonsan
        elif k and ini == _IEUNG and med in _H_Y_MEDIAL and _H_FINAL[syl[k - 1][2]] == "N":
            out.append("Y")  # 평양 Pyongyang, not 평안 Pyongan
        else:
            out.append(_H_INITIAL[ini])
        out.append(_H_MEDIAL[med])
        out.append(_H_FINAL[fin])
    return "".join(out)


_EU = 18  # ㅡ


def _loan_syms(syl: list[tuple[int, int, int]], v: int) -> str:
    """A foreign word's Hangul read back as Korean writes the Latin or Cyrillic letters.

    The ㅡ put into a consonant cluster is not a vowel (쿠르스크 = Kursk, 트럼프 = Trump,
    블라 = Vla). ``v`` says how far a ㅂ/ㅍ is taken for a Russian v: 0 not at all, 1 a 브 or
    프 is not written (라브로프 = Lavrov, 벨로우소프 = Belousov), 2 besides, every ㅂ is a v:
    a w at the start, a glide inside (볼로딘 = Volodin, 자하로바 = Zakharova, 블라디보스토크 =
    Vladivostok)."""
    out: list[str] = []
    last = len(syl) - 1
    for k, (ini, med, fin) in enumerate(syl):
        head = _H_INITIAL[ini]
        if v == 2 and ini == 7:  # ㅂ
            head = "W" if k == 0 else ""
        if med == _EU and (fin == 0 or (fin == 8 and k < last and syl[k + 1][0] == _RIEUL)):
            if not (v and ini in (7, 17) and fin == 0):
                out.append(head)
            if fin:
                out.append(_H_FINAL[fin])
            continue
        out.append(head)
        out.append(_H_MEDIAL[med])
        if v and fin == 17 and k < last and _open_eu(syl[k + 1]):
            continue  # 하바롭스크 = Khabarovsk: the v of -ovsk as a final ㅂ
        out.append(_H_FINAL[fin])
    return "".join(out)


def _l_variant(syl: list[tuple[int, int, int]], whole: bool = True) -> bool:
    """Whether the word may stand for one the North writes with an initial ㄹ: 노동 for 로동
    (Rodong); and, for a whole word of up to three syllables (a name), 이 for 리 (Ri) and 유
    for 류 (Ryu)."""
    ini, med, _ = syl[0]
    if ini == _NIEUN:
        return med not in _H_I_MEDIAL
    return whole and ini == _IEUNG and med in (17, 20) and len(syl) <= 3


def _open_eu(s: tuple[int, int, int]) -> bool:
    """A syllable such as 스, 크, 르: in a foreign word, a consonant with no vowel."""
    return s[1] == _EU and s[2] == 0


def _hangul_word_keys(syl: list[tuple[int, int, int]]) -> list[str]:
    """The keys a whole Hangul word may have: as Korean, with the North's initial ㄹ for the
    South's ㄴ/ㅇ, and (three syllables or more) read back as a foreign name."""
    keys = [_finalize(_hangul_syms(syl))]
    if _l_variant(syl):
        keys.append(_finalize(_hangul_syms(syl, initial_l=True)))
    if len(syl) >= 3:
        keys += [_finalize(_loan_syms(syl, v)) for v in (0, 1, 2)]
    return list(dict.fromkeys(keys))


# ------------------------------------------------------------------ the key


def _finalize(syms: str) -> str:
    """Vowel runs to I/A/V, repeated consonant classes to one, a g after n to nothing
    (ng = n: Tumangang = Туманган = 두만강, Son Gwon = 선권), other g's to k."""
    out: list[str] = []
    run = ""
    for ch in syms:
        if ch.islower():
            run += ch
            continue
        if run:
            out.append("I" if "i" in run else "A" if ("a" in run and "e" not in run) else "V")
            run = ""
        if ch == "G":
            if out and out[-1] == "N":
                continue
            ch = "K"
        if not out or out[-1] != ch:
            out.append(ch)
    if run:
        out.append("I" if "i" in run else "A" if ("a" in run and "e" not in run) else "V")
    return "".join(out)


def _syms(word: str, script: str) -> str:
    if script == LATIN:
        return _latin_syms(word)
    if script == CYRILLIC:
        return _cyr_syms(word)
    if script == HANGUL:
        return _hangul_syms(_syllables(word))
    return ""


def phonetic_key(word: str) -> str:
    """The coarse key of one folded word in any of the three scripts ("" for other text)."""
    return _finalize(_syms(word, script_of(word)))


def joined_key(words: Iterable[str]) -> str:
    """The key of several words read as one ("Choe", "Son", "Hui" as 최선희); "" when they are
    not all of one script."""
    words = list(words)
    scripts = {script_of(w) for w in words}
    if len(scripts) != 1:
        return ""
    (script,) = scripts
    if script == OTHER:
        return ""
    parts = [_syms(w, script) for w in words]
    # a w starting a later word is a glide inside the name (Jo Yong Won = 조용원)
    parts[1:] = [p.removeprefix("W") for p in parts[1:]]
    return _finalize("".join(parts))


def joined_keys(words: Iterable[str]) -> tuple[str, ...]:
    """``joined_key``, and for a Russian conventional spelling of a Korean surname as the
    first word (Цой Сон Хи), the key with the surname as the Korean sound (최선희)."""
    words = tuple(words)
    key = joined_key(words)
    if key and words and words[0] in _CYR_SURNAMES:
        alt = _finalize(
            _CYR_SURNAMES[words[0]] + "".join(_cyr_syms(w).removeprefix("W") for w in words[1:])
        )
        return (key, alt)
    return (key,) if key else ()


def _consonants(key: str) -> int:
    return sum(1 for ch in key if ch in _CONSONANT_CLASSES)


def strong(key: str) -> bool:
    """A key specific enough to match on its own: four symbols, two of them consonants
    (Lavrov, Rason; not Kim, Son, nor the English "not" as the Russian "нет")."""
    return len(key) >= 4 and _consonants(key) >= 2


# Russian case and adjective endings, longest first (Лаврова, Лавровым, Курской, Приморском),
# as ``fold`` leaves them (й -> и).
_RU_ENDINGS = tuple(
    sorted(
        (
            "ами",
            "ями",
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ая",
            "яя",
            "ое",
            "ее",
            "ые",
            "ие",
            "ыи",
            "ии",
            "ои",
            "еи",
            "ом",
            "ем",
            "ам",
            "ям",
            "ах",
            "ях",
            "ую",
            "юю",
            "ых",
            "их",
            "ым",
            "им",
            "ов",
            "ев",
            "а",
            "я",
            "у",
            "ю",
            "е",
            "ы",
            "и",
        ),
        key=len,
        reverse=True,
    )
)


def _ru_stem(word: str) -> str:
    for end in _RU_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return word


@lru_cache(maxsize=65536)
def phonetic_keys(token: str) -> tuple[str, ...]:
    """The keys under which a folded token of the text is found by words of other scripts.

    Latin: its key. Cyrillic: its key, and that of its stem without a case ending
    (Лаврова -> Лавров). Hangul: the keys of its leading syllables at every syllable boundary
    from the second on (평양시, 평양에서 -> 평양; 김일성종합대학 -> 김일성), of a lone syllable
    only as the whole word or before a particle (김, 김은; not 김치), and, for a first ㄴ or ㅇ
    that the North writes ㄹ, the same read with an r (노동 -> Rodong). Empty for digits and
    mixed scripts. A tuple, so that a cached answer cannot be changed by a caller."""
    script = script_of(token)
    if script == LATIN:
        key = _finalize(_latin_syms(token))
        return (key,) if key else ()
    if script == CYRILLIC:
        key = _finalize(_cyr_syms(token))
        stem = _ru_stem(token)
        skey = _finalize(_cyr_syms(stem)) if stem != token else key
        return tuple(dict.fromkeys(k for k in (key, skey, *_cyr_r_keys(token)) if k))
    if script == HANGUL:
        syl = _syllables(token)[:12]
        keys = _hangul_word_keys(syl)
        # leading syllables, cut where a compound or a particle may start (not after a 스 or
        # 르 of a foreign word: 쿠르스크 is not 쿠르 + 스크)
        cuts = [
            i
            for i in range(2, len(syl))
            if not _open_eu(syl[i - 1])
            and (token[i:] in _PARTICLES or len(_finalize(_hangul_syms(syl[:i]))) >= _MIN_HEAD_KEY)
        ]
        if len(syl) == 2 and token[1] in _PARTICLES_1:
            cuts.insert(0, 1)
        keys += [_finalize(_hangul_syms(syl[:i])) for i in cuts]
        if _l_variant(syl, whole=False):
            keys += [_finalize(_hangul_syms(syl[:i], initial_l=True)) for i in cuts]
        return tuple(dict.fromkeys(k for k in keys if k))
    return ()


def query_keys(word: str, short_ok: bool = False) -> tuple[str, ...]:
    """The keys a query word looks up among other scripts' ``phonetic_keys``.

    Only keys that are ``strong`` unless ``short_ok`` (a word inside a multi-word name, whose
    neighbours must match too). Latin: its key, and the key without a final vowel when that
    is still long (Primorye, Primorsky -> Приморья, Приморском). Cyrillic: its key and that of
    its stem. Hangul: its key (see ``hangul_groups`` for Latin and Cyrillic text)."""
    if word in STOPWORDS:
        return ()
    script = script_of(word)
    keys: list[str] = []
    if script == LATIN:
        key = _finalize(_latin_syms(word))
        keys.append(key)
        if key[-1:] in ("A", "I", "V"):
            cut = key[:-1]
            if len(cut) >= 4 and _consonants(cut) >= 3:
                keys.append(cut)
    elif script == CYRILLIC:
        keys.append(_finalize(_cyr_syms(word)))
        stem = _ru_stem(word)
        if stem != word:
            keys.append(_finalize(_cyr_syms(stem)))
        keys += _cyr_r_keys(word)
    elif script == HANGUL:
        keys.append(_finalize(_hangul_syms(_syllables(word))))
    return tuple(dict.fromkeys(k for k in keys if k and (short_ok or strong(k))))


def hangul_groups(word: str, max_syllables: int = 6) -> list[tuple[str, ...]]:
    """How a Hangul word may be written in Latin or Cyrillic: as one word (any key of
    ``_hangul_word_keys``), or as consecutive words, one per group of syllables, for each way
    of cutting it (최선희 -> ("CVSVNHI",), ("CV", "SVN", "HI"), ...). Only when the whole
    key is ``strong``."""
    if script_of(word) != HANGUL:
        return []
    syl = _syllables(word)
    if not strong(_finalize(_hangul_syms(syl))):
        return []
    out: list[tuple[str, ...]] = [(k,) for k in _hangul_word_keys(syl)]
    if len(syl) <= max_syllables:
        for mask in range(1, 1 << (len(syl) - 1)):
            groups, cur = [], [syl[0]]
            for k in range(1, len(syl)):
                if mask >> (k - 1) & 1:
                    groups.append(cur)
                    cur = []
                cur.append(syl[k])
            groups.append(cur)
            keys = tuple(_finalize(_hangul_syms(g)) for g in groups)
            if all(keys) and keys not in out:
                out.append(keys)
    return out


# Words that are never part of a name written as several words (their keys are those of
# common Korean syllables: "been an" must not read as 평양, nor "о" as the Ё of Ким Ё Чжон
# unless nothing else can).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "his",
        "her",
        "their",
        "our",
        "but",
        "if",
        "than",
        "then",
        "also",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "between",
        "up",
        "out",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "said",
        "says",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "all",
        "any",
        "some",
        "more",
        "most",
        "other",
        "such",
        "only",
        "own",
        "same",
        "too",
        "very",
        "just",
        "new",
        "one",
        "two",
        "и",
        "в",
        "во",
        "не",
        "что",
        "он",
        "на",
        "я",
        "с",
        "со",
        "как",
        "а",
        "то",
        "все",
        "она",
        "так",
        "его",
        "да",
        "ты",
        "к",
        "у",
        "же",
        "вы",
        "за",
        "бы",
        "по",
        "ее",
        "мне",
        "было",
        "вот",
        "от",
        "меня",
        "еще",
        "нет",
        "о",
        "из",
        "ему",
    ]
) | frozenset(["there", "here", "many", "much", "now", "well", "yet", "both", "each", "per", "via"])


class PhoneticMap:
    """Key -> the tokens of a vocabulary that carry it, per script; built lazily, once per
    script. The Latin table is built only when a Cyrillic or Hangul word is searched, so a
    Latin search over a large Latin store costs one pass over its few non-Latin tokens.

    ``vocab``: a SORTED list of tokens (ASCII ones first); or ``source``: a function giving
    the ASCII tokens (``source(True)``) or the others (``source(False)``), for an index that
    does not hold its vocabulary in memory."""

    def __init__(
        self,
        vocab: Sequence[str] = (),
        source: Callable[[bool], Iterable[str]] | None = None,
    ) -> None:
        if source is None:
            cut = bisect_left(vocab, "\x80")
            source = lambda ascii_part: vocab[:cut] if ascii_part else vocab[cut:]
        self._source = source
        self._by_script: dict[str, dict[str, list[str]]] | None = None
        self._latin: dict[str, list[str]] | None = None

    def _build_non_latin(self) -> dict[str, dict[str, list[str]]]:
        if self._by_script is None:
            by: dict[str, dict[str, list[str]]] = {LATIN: {}, CYRILLIC: {}, HANGUL: {}}
            for tok in self._source(False):
                s = script_of(tok)
                if s in by and tok not in STOPWORDS:
                    table = by[s]
                    for k in phonetic_keys(tok):
                        table.setdefault(k, []).append(tok)
            self._by_script = by
        return self._by_script

    def _build_latin(self) -> dict[str, list[str]]:
        if self._latin is None:
            table: dict[str, list[str]] = {}
            for tok in self._source(True):
                if tok.isalpha() and tok not in STOPWORDS:
                    table.setdefault(_finalize(_latin_syms(tok)), []).append(tok)
            for k, toks in self._build_non_latin()[LATIN].items():  # accented Latin, if any
                table.setdefault(k, []).extend(toks)
            self._latin = table
        return self._latin

    def table(self, script: str) -> dict[str, list[str]]:
        if script == LATIN:
            return self._build_latin()
        return self._build_non_latin().get(script, {})

    def tokens(self, keys: Iterable[str], exclude: str) -> list[str]:
        """The vocabulary's tokens of scripts other than ``exclude`` carrying one of ``keys``."""
        keys = tuple(keys)
        if not keys:
            return []
        out: list[str] = []
        for script in (LATIN, CYRILLIC, HANGUL):
            if script == exclude:
                continue
            table = self.table(script)
            for k in keys:
                out.extend(table.get(k, ()))
        return out

    def word_tokens(self, word: str, short_ok: bool = False) -> list[str]:
        """Tokens of other scripts that ``word`` (folded) matches by its key."""
        return self.tokens(query_keys(word, short_ok), script_of(word))

    def joined_tokens(self, words: Iterable[str]) -> list[str]:
        """Tokens of other scripts that several words read as one match (Choe Son Hui,
        Ким Чен Ын -> 최선희, 김정은; Punggye-ri -> Пхунгери)."""
        words = tuple(words)
        keys = tuple(k for k in joined_keys(words) if strong(k))
        if not keys:
            return []
        return self.tokens(keys, script_of(words[0]))
