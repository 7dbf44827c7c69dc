"""The user's own sources: extraction of each format, anchoring quotes in tiers, and the CLI
(`source add/remove/attach`, `sources`, `show`, `cite`, `add --evidence`, `import`,
`validate`) driven in a subprocess, bad inputs included.

The fixture documents are written here: Russian, Korean and English, with typographic quotes,
words hyphenated over line breaks and no-break spaces; the PDFs are written by hand
(tests/helpers/pdf.py), one with a text layer and one without.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from clitools import MINI, cli_env, run_cli
from helpers.pdf import pdf_with_text, pdf_without_text
from hypothesis import given, settings
from hypothesis import strategies as st

from nkru_tui.core import anchor as anc
from nkru_tui.core.extract import MAX_BYTES, SourceFileError, extract_bytes, extract_file

NBSP = "\u00a0"

RU = (
    "Визит в Пхеньян\n\n"
    f"Министр иностранных дел России Сергей Лавров заявил, что «сотрудничество{NBSP}между "
    "нашими странами будет расширяться» — прежде всего в туризме.\n"
    "Стороны договорились о восстановлении авиасообще-\nния между Москвой и Пхеньяном.\n"
)
KO = (
    "원산 회담\n\n"
    f"최선희 외무상과 라브로프 외무장관이 원산에서 “전략적 대화”를 가졌다.{NBSP}양국은 관광 "
    "협력을 강화하기로 합의했다.\n"
)
EN = (
    "# Ties across the Tumen\n\n"
    "Officials said the new road bridge is “set to be completed in 2026” and that\n"
    f"tourist flows would grow{NBSP}— a claim repeated by the governor of Primorsky Krai. The "
    "gover-\nnor’s office said nothing about rail.\n\n"
    "The bridge is set to be completed soon. The bridge is set to be completed soon.\n"
)


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    return cli_env(NKRU_USER_DB=str(tmp_path / "mine.json"), NKRU_DB=str(MINI), **extra)


def texts_dir(tmp_path: Path) -> Path:
    return tmp_path / "mine.sources"


def write(tmp_path: Path, name: str, data: str | bytes, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return p


def stored(tmp_path: Path) -> tuple[list[dict], list[str]]:
    """The user's own sources and the kept text files (nothing, when nothing was stored)."""
    db = tmp_path / "mine.json"
    recs = []
    if db.exists():
        recs = list(json.loads(db.read_text(encoding="utf-8")).get("sources", {}).values())
    folder = texts_dir(tmp_path)
    files = sorted(os.listdir(folder)) if folder.exists() else []
    return recs, files


def assert_refused(r, *names: str, code: int | None = None) -> None:
    """One clear line on stderr naming what was wrong, a non-zero exit, no traceback."""
    assert r.returncode != 0, r.stdout
    if code is not None:
        assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    for n in names:
        assert n in lines[0], lines[0]


# ---------------------------------------------------------------------------- extraction


def test_text_and_markdown_are_kept_as_written_with_first_line_or_heading_as_title(tmp_path):
    ex = extract_file(write(tmp_path, "ru.txt", RU))
    assert ex.text == RU and ex.title == "Визит в Пхеньян" and ex.encoding == "utf-8"
    ex = extract_file(write(tmp_path, "en.md", EN.replace("\n", "\r\n")))
    assert ex.text == EN and ex.title == "Ties across the Tumen" and ex.format == "markdown"


@pytest.mark.parametrize("encoding,told", [
    ("cp1251", "cp1251"), ("koi8_r", "koi8-r"), ("euc_kr", "cp949"), ("utf-16", "utf-16"),
])
def test_non_utf8_text_is_detected_and_said(tmp_path, encoding, told):
    text = (KO.replace(NBSP, " ") * 3) if encoding == "euc_kr" else (RU.replace("«", '"').replace("»", '"')
                                                   .replace("—", "-") * 3)
    if encoding == "utf-16":
        text = RU + KO
    ex = extract_file(write(tmp_path, "doc.txt", text, encoding))
    assert ex.encoding is not None and ex.encoding.startswith(told)
    assert ex.text == text


def test_html_drops_scripts_styles_head_and_navigation_and_decodes_entities(tmp_path):
    page = (
        "<!doctype html><html><head><title>Talks &amp; Trade</title>"
        "<style>p {color: red}</style><script>var x = '<p>not text</p>';</script></head>"
        "<body><nav><a href='/'>Home</a> <a>News</a></nav>"
        "<div role='navigation'>Menu item</div>"
        "<h1>Talks in Wonsan</h1><p>Lavrov said the ties&nbsp;were&mdash;&#8220;"
        "unbreakable&#8221;.</p><p>Second\n   paragraph <b>bold</b>.</p>"
        "<ul><li>one</li><li>two</li></ul><script>alert(1)</script>"
        "<footer>Footer text</footer></body></html>"
    )
    ex = extract_file(write(tmp_path, "page.html", page))
    assert ex.title == "Talks & Trade"
    assert ex.text == (
        "Talks in Wonsan\n\nLavrov said the ties\u00a0were—“unbreakable”.\n\n"
        "Second paragraph bold.\n\none\ntwo\n\nFooter text"
    )
    for gone in ("color", "not text", "alert", "Home", "Menu item"):
        assert gone not in ex.text


def test_pdf_text_layer_is_extracted_with_its_title(tmp_path):
    data = pdf_with_text(["Лавров заявил: «Сотрудничество расши-", "ряется».",
                          "최선희 외무상 원산 회담", "English “quoted” text"], title="Тест")
    ex = extract_file(write(tmp_path, "doc.pdf", data))
    assert ex.title == "Тест" and ex.format == "pdf"
    assert "«Сотрудничество расши-\nряется»" in ex.text and "최선희 외무상" in ex.text
    a = anc.anchor(ex.text, 'Сотрудничество расширяется"')
    assert a.tier == "normalised" and a.exact == "Сотрудничество расши-\nряется»"


def test_extract_refusals_name_the_file(tmp_path):
    with pytest.raises(SourceFileError, match=r"no\.pdf: the PDF has no text layer"):
        extract_file(write(tmp_path, "no.pdf", pdf_without_text()))
    with pytest.raises(SourceFileError, match=r"fake\.pdf: not a PDF"):
        extract_file(write(tmp_path, "fake.pdf", "hello there, not a pdf"))
    with pytest.raises(SourceFileError, match=r"doc\.docx: unsupported kind of file"):
        extract_file(write(tmp_path, "doc.docx", "x"))
    with pytest.raises(SourceFileError, match="cannot tell the text's encoding"):
        extract_bytes(bytes(range(0x80, 0x100)) * 4, "text", "odd.txt")


# ---------------------------------------------------------------------------- anchoring


def test_exact_tier_returns_the_passage_and_selectors():
    a = anc.anchor(EN, "the governor of Primorsky Krai")
    assert a.tier == "exact" and EN[a.start:a.end] == a.exact == "the governor of Primorsky Krai"
    quote_sel, pos_sel = a.selectors()
    assert quote_sel["type"] == "TextQuoteSelector" and len(quote_sel["prefix"]) == 32
    assert EN[a.start - 32:a.start] == quote_sel["prefix"]
    assert EN[a.end:a.end + 32] == quote_sel["suffix"]
    assert pos_sel == {"type": "TextPositionSelector", "start": a.start, "end": a.end}


@pytest.mark.parametrize("quote,passage", [
    # straight quotes for typographic ones, and a no-break space typed as a space
    ('"set to be completed in 2026" and that tourist flows would grow',
     "“set to be completed in 2026” and that\ntourist flows would grow"),
    # a dash typed as a hyphen; NBSP in the source
    ("tourist flows would grow - a claim", f"tourist flows would grow{NBSP}— a claim"),
    # a word hyphenated over a line break, and an apostrophe
    ("The governor's office said", "The gover-\nnor’s office said"),
    # guillemets typed as straight quotes; NBSP in the source
    ('"сотрудничество между нашими странами будет расширяться"',
     f"«сотрудничество{NBSP}между нашими странами будет расширяться»"),
    ("восстановлении авиасообщения между Москвой",
     "восстановлении авиасообще-\nния между Москвой"),
    ('"전략적 대화"를 가졌다. 양국은', f"“전략적 대화”를 가졌다.{NBSP}양국은"),
])
def test_normalised_tier_snaps_to_the_source_characters(quote, passage):
    text = RU + KO + EN
    a = anc.anchor(text, quote)
    assert a.tier == "normalised"
    assert a.exact == passage and text[a.start:a.end] == passage


def test_normalised_tier_ignores_soft_hyphens_zero_width_and_reads_ellipsis_and_nfkc():
    text = "He said: Coope\u00adration is grow\u200bing fast… ＰＹＯＮＧＹＡＮＧ agreed."
    a = anc.anchor(text, "Cooperation is growing fast... PYONGYANG agreed")
    assert a.tier == "normalised" and a.exact == text[9:-1]
    a = anc.anchor("North-\nKorean officials met in Moscow", "North-Korean officials met")
    assert a.tier == "normalised" and a.exact == "North-\nKorean officials met"


def test_close_tier_needs_accept_close_and_is_marked_for_review():
    quote = "Officials said the new road bridge is set to be complete in 2026"
    with pytest.raises(anc.AnchorFailure) as err:
        anc.anchor(EN, quote)
    assert err.value.needs_flag and err.value.similarity >= anc.CLOSE_MIN
    a = anc.anchor(EN, quote, accept_close=True)
    assert a.tier == "close" and a.needs_review and a.similarity >= 95
    assert a.exact.startswith("Officials said") and a.exact.endswith("2026")


def test_refusals_too_short_and_not_in_source_with_closest_passage():
    with pytest.raises(anc.AnchorFailure, match="3 character"):
        anc.anchor(EN, "the")
    with pytest.raises(anc.AnchorFailure, match="not in the source") as err:
        anc.anchor(EN, "the governor of Kamchatka visited the bridge", accept_close=True)
    assert err.value.closest and "governor of Primorsky" in err.value.closest


def test_a_repeated_quote_is_anchored_to_one_occurrence_with_distinct_context():
    a1 = anc.anchor(EN, "The bridge is set to be completed soon")
    a2 = anc.anchor(EN, "The bridge is set to be completed soon", occurrence=2)
    assert (a1.occurrences, a1.occurrence, a2.occurrence) == (2, 1, 2)
    assert a1.start < a2.start and a1.prefix != a2.prefix
    assert anc.reanchor(EN, {"quote": a2.exact, "selector": [a2.selectors()[0]]}).start == \
        a2.start  # the prefix picks the occurrence again
    with pytest.raises(anc.AnchorFailure, match="no occurrence 3"):
        anc.anchor(EN, "The bridge is set to be completed soon", occurrence=3)


_ALPHABET = "abcЛав원산 \n\u00a0-–—«»“”'\"\u00ad…ﬁ"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=20, max_size=80), st.data())
def test_folded_match_maps_back_to_a_passage_that_folds_to_the_quote(text, data):
    f = anc.fold(text)
    if len(f.text.strip()) < 14:
        return
    a = data.draw(st.integers(0, len(f.text) - 13))
    b = data.draw(st.integers(a + 13, len(f.text)))
    quote = f.text[a:b]
    if len(quote.strip()) < anc.QUOTE_MIN:
        return
    got = anc.anchor(text, quote)
    assert anc.fold_quote(got.exact) == quote.strip() or got.occurrences > 1 \
        or quote.strip() in anc.fold(got.exact).text


# ---------------------------------------------------------------------------- the CLI


def test_add_list_show_cite_and_validate_an_own_source(tmp_path):
    env = env_for(tmp_path)
    doc = write(tmp_path, "ru.txt", RU, "cp1251")
    r = run_cli("source", "add", str(doc), "--date", "2025-06-19", "--lang", "ru",
                "--publisher", "ТАСС", "--url", "https://example.org/a", env=env)
    assert r.returncode == 0, r.stderr
    sid = r.stdout.strip()
    assert sid.startswith("src-") and "as cp1251" in r.stderr
    recs, files = stored(tmp_path)
    (rec,) = recs
    assert rec["id"] == sid and rec["user"] is True and rec["title"] == "Визит в Пхеньян"
    assert rec["sha256"] == __import__("hashlib").sha256(doc.read_bytes()).hexdigest()
    assert rec["size"] == doc.stat().st_size and rec["file"] == "ru.txt"
    assert rec["publisher"] == "ТАСС" and rec["lang"] == "ru" and rec["added"]
    assert files == [f"{rec['sha256']}.txt"]
    assert (texts_dir(tmp_path) / files[0]).read_text(encoding="utf-8") == RU

    # the same bytes again: the existing source, said so, no duplicate
    r = run_cli("source", "add", str(doc), "--json", env=env)
    assert r.returncode == 0 and json.loads(r.stdout)["id"] == sid
    assert json.loads(r.stdout)["created"] is False
    r = run_cli("source", "add", str(doc), env=env)
    assert f"already added: these bytes are source {sid}" in r.stdout
    assert len(stored(tmp_path)[0]) == 1

    r = run_cli("add", "event", "--id", "my-visit", "--date", "2025-06", "--title", "Visit",
                "--sector", "diplomacy", "--evidence",
                f"{sid}:Лавров заявил, что \"сотрудничество между нашими странами", env=env)
    assert r.returncode == 0, r.stderr
    r = run_cli("cite", "my-visit", sid, "восстановлении авиасообщения между Москвой",
                env=env)
    assert r.returncode == 0, r.stderr
    assert "normalised" in r.stdout and "авиасообще" in r.stdout

    r = run_cli("sources", "--json", env=env)
    rows = {s["id"]: s for s in json.loads(r.stdout)}
    assert rows[sid]["cited_by"] == 1 and rows[sid]["own"] and rows[sid]["has_text"]
    assert rows["s-one"]["cited_by"] == 9 and not rows["s-one"]["own"]
    r = run_cli("sources", env={**env, "COLUMNS": "80"})  # the title fits at 80 columns
    assert "Визит в Пхеньян" in r.stdout and "2025-06-19" in r.stdout

    r = run_cli("show", sid, env=env)
    assert r.returncode == 0 and "Publisher: ТАСС" in r.stdout
    assert "Cited by 1 record(s)" in r.stdout and "[my-visit] (mine)" in r.stdout

    r = run_cli("search", f"source:{sid}", "--json", env=env)
    assert [e["id"] for e in json.loads(r.stdout)] == ["my-visit"]

    ev = json.loads(run_cli("show", "my-visit", "--json", env=env).stdout)["record"]["evidence"]
    assert [e["tier"] for e in ev] == ["normalised", "normalised"]
    assert ev[0]["quote"] == "Лавров заявил, что «сотрудничество\u00a0между нашими странами"
    assert ev[1]["quote"] == "восстановлении авиасообще-\nния между Москвой"
    assert all(e["sha256"] == rec["sha256"] for e in ev)

    r = run_cli("validate", env=env)
    assert r.returncode == 0 and "2 quote(s) on your sources re-checked" in r.stdout

    # the kept text changed: every quote on it is listed with its record, exit 4
    kept = texts_dir(tmp_path) / files[0]
    kept.write_text(RU.replace("Лавров", "Шойгу"), encoding="utf-8")
    r = run_cli("validate", env=env)
    assert r.returncode == 4 and "has changed" in r.stderr and "my-visit" in r.stderr
    kept.unlink()
    r = run_cli("validate", env=env)
    assert r.returncode == 4 and "is missing" in r.stderr and "my-visit" in r.stderr
    assert "Traceback" not in r.stderr


def test_validate_lists_a_quote_that_no_longer_anchors_and_close_ones_for_review(tmp_path):
    env = env_for(tmp_path)
    doc = write(tmp_path, "en.md", EN)
    sid = run_cli("source", "add", str(doc), "--id", "src-en", env=env).stdout.strip()
    assert sid == "src-en"
    assert run_cli("add", "event", "--id", "e1", "--date", "2025", "--title", "Bridge",
                   "--sector", "transport", env=env).returncode == 0
    r = run_cli("cite", "e1", sid, "Officials said the new road bridge is set to be complete "
                "in 2026", env=env)
    assert r.returncode == 4 and "--accept-close" in r.stderr and "closest passage" in r.stderr
    r = run_cli("cite", "e1", sid, "Officials said the new road bridge is set to be complete "
                "in 2026", "--accept-close", env=env)
    assert r.returncode == 0 and "needing review" in r.stderr
    r = run_cli("cite", "e1", sid, "a claim repeated by the governor", env=env)
    assert r.returncode == 0 and "exact" in r.stdout
    r = run_cli("cite", "e1", sid, "The bridge is set to be completed soon", "--occurrence",
                "2", env=env)
    assert r.returncode == 0 and "occurs 2 times" in r.stderr and "occurrence 2" in r.stderr
    r = run_cli("validate", env=env)
    assert r.returncode == 0 and "needs review: e1: evidence[0]" in r.stdout
    # the user store is edited so that a stored passage no longer stands at its place
    db = tmp_path / "mine.json"
    raw = json.loads(db.read_text(encoding="utf-8"))
    ev = next(iter(raw["events"].values()))["evidence"][1]
    ev["quote"] = ev["selector"][0]["exact"] = "a claim denied by the governor"
    db.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    r = run_cli("validate", env=env)
    assert r.returncode == 4
    assert "e1: evidence[1] from src-en: the quote no longer anchors" in r.stderr


def test_curated_records_cannot_be_cited_on_and_own_sources_need_text_to_verify(tmp_path):
    env = env_for(tmp_path)
    sid = run_cli("source", "add", str(write(tmp_path, "ko.txt", KO)), env=env).stdout.strip()
    r = run_cli("cite", "wonsan-talks", sid, "라브로프 외무장관이 원산에서", env=env)
    assert r.returncode != 0 and "read-only" in r.stderr
    r = run_cli("cite", "nope", sid, "라브로프 외무장관이 원산에서", env=env)
    assert r.returncode == 1 and "no record you added" in r.stderr


def test_import_verifies_quotes_on_own_sources(tmp_path):
    env = env_for(tmp_path)
    sid = run_cli("source", "add", str(write(tmp_path, "ko.txt", KO)), "--id", "src-ko",
                  env=env).stdout.strip()
    good = {"id": "imp-1", "date": "2025-07", "title": "Talks", "sectors": ["diplomacy"],
            "actors": [], "places": [], "figures": [],
            "evidence": [{"source": sid, "quote": '원산에서 "전략적 대화"를 가졌다'}]}
    bad = dict(good, id="imp-2", evidence=[{"source": sid, "quote": "평양에서 회담을 가졌다고 말했다"}])
    r = run_cli("import", str(write(tmp_path, "bad.json", json.dumps([good, bad]))), env=env)
    assert r.returncode == 4 and "imp-2" in r.stderr and "not in the source" in r.stderr
    assert "Traceback" not in r.stderr
    assert run_cli("show", "imp-1", env=env).returncode == 1  # nothing was imported
    r = run_cli("import", str(write(tmp_path, "good.json", json.dumps([good]))), env=env)
    assert r.returncode == 0, r.stderr
    ev = json.loads(run_cli("show", "imp-1", "--json", env=env).stdout)["record"]["evidence"]
    assert ev[0]["tier"] == "normalised" and ev[0]["quote"] == "원산에서 “전략적 대화”를 가졌다"


def test_pdf_and_html_sources_through_the_cli(tmp_path):
    env = env_for(tmp_path)
    pdf = write(tmp_path, "report.pdf", pdf_with_text(
        ["Report on tourism", "Russian tourists visited Wonsan-Kalma in 2025,",
         "according to the “Vostok Intur” agency."]))
    r = run_cli("source", "add", str(pdf), "--json", env=env)
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["format"] == "pdf" and rec["title"] == "Report on tourism"
    html = write(tmp_path, "page.htm", "<title>Page</title><p>Kim Jong Un met the visitor "
                 "in Pyongyang&nbsp;yesterday.</p>")
    r = run_cli("source", "add", str(html), "--id", "src-page", env=env)
    assert r.returncode == 0 and r.stdout.strip() == "src-page"
    run_cli("add", "event", "--id", "e2", "--date", "2025", "--title", "T", "--sector",
            "tourism", env=env)
    r = run_cli("cite", "e2", rec["id"], 'according to the "Vostok Intur" agency', env=env)
    assert r.returncode == 0, r.stderr
    r = run_cli("cite", "e2", "src-page", "met the visitor in Pyongyang yesterday", env=env)
    assert r.returncode == 0, r.stderr


def test_attach_a_copy_of_a_curated_source_only_when_every_quote_anchors(tmp_path):
    env = env_for(tmp_path)
    wrong = write(tmp_path, "wrong.txt", "An article that talks about something else entirely.")
    r = run_cli("source", "attach", "s-two", str(wrong), env=env)
    assert r.returncode == 4 and "wrong.txt: not attached to s-two" in r.stderr
    assert "wonsan-talks" in r.stderr and "the coastal city of Wonsan" in r.stderr
    assert stored(tmp_path)[1] == []
    copy = write(tmp_path, "two.txt", "Talks were held in the coastal\ncity of Wonsan in July.")
    r = run_cli("source", "attach", "s-two", str(copy), env=env)
    assert r.returncode == 0 and "all 2 curated quote(s) anchor" in r.stdout, r.stderr
    r = run_cli("show", "s-two", env=env)
    assert "SHA-256:" in r.stdout and "Cited by 2 record(s)" in r.stdout
    r = run_cli("source", "attach", "src-nope", str(copy), env=env)
    assert r.returncode == 1


# ---------------------------------------------------------------------------- bad input


def test_bad_files_are_refused_in_one_line_naming_the_file_and_nothing_is_stored(tmp_path):
    env = env_for(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    big = docs / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    cases = {
        "empty.txt": (b"", "is empty (0 bytes)"),
        "blob.txt": (bytes(range(256)) * 8, "binary data"),
        "scripts.html": ((b"<html><head><title>x</title><script>var a=1;</script></head>"
                          b"<body><script>document.write('hi')</script><style>p{}</style>"
                          b"</body></html>"), "no text outside scripts"),
        "scan.pdf": (pdf_without_text(), "the PDF has no text layer"),
        "odd.txt": (bytes(range(0x80, 0x100)) * 4, "cannot tell the text's encoding"),
        "ctrl.txt": (b"Normal line\nHidden \x1b[31mred\x1b[0m text\x07\n",
                     "control characters: U+001B at line 2, column 8"),
    }
    for name, (data, why) in cases.items():
        (docs / name).write_bytes(data)
    cases["big.txt"] = (b"", "above the 20 MiB limit")
    for name, (_, why) in cases.items():
        r = run_cli("source", "add", str(docs / name), env=env)
        assert_refused(r, name, why)
    r = run_cli("source", "add", str(docs), env=env)
    assert_refused(r, "docs", "is a folder")
    assert stored(tmp_path) == ([], [])


def test_bad_quotes_ids_and_removals_are_refused(tmp_path):
    env = env_for(tmp_path)
    doc = write(tmp_path, "en.txt", EN)
    assert run_cli("source", "add", str(doc), "--id", "src-en", env=env).returncode == 0
    run_cli("add", "event", "--id", "e1", "--date", "2025", "--title", "T", "--sector",
            "transport", env=env)
    before = (tmp_path / "mine.json").read_bytes()

    r = run_cli("cite", "e1", "src-en", "the governor of Kamchatka visited the bridge", env=env)
    assert r.returncode == 4 and "e1: quote from src-en: the quote is not in the source" in \
        r.stderr and "nothing was saved" in r.stderr
    assert "closest passage" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("cite", "e1", "src-en", "the", env=env)
    assert_refused(r, "e1", "3 character(s)", code=4)
    r = run_cli("add", "event", "--id", "e2", "--date", "2025", "--title", "T", "--sector",
                "transport", "--evidence", "src-en:a quote that is nowhere in it", env=env)
    assert r.returncode == 4 and "e2: evidence[0] from src-en" in r.stderr
    assert (tmp_path / "mine.json").read_bytes() == before

    other = write(tmp_path, "other.txt", KO)
    for rid in ("src-en", "s-one"):
        r = run_cli("source", "add", str(other), "--id", rid, env=env)
        assert_refused(r, f"--id: {rid} is already used", code=4)
    r = run_cli("source", "add", str(other), "--date", "July", env=env)
    assert_refused(r, "--date")

    assert run_cli("cite", "e1", "src-en", "the governor of Primorsky Krai",
                   env=env).returncode == 0
    r = run_cli("source", "remove", "src-en", env=env)
    assert_refused(r, "src-en is cited by e1")
    assert len(stored(tmp_path)[0]) == 1 and len(stored(tmp_path)[1]) == 1
    assert run_cli("delete", "e1", env=env).returncode == 0
    r = run_cli("source", "remove", "src-en", env=env)
    assert r.returncode == 0 and stored(tmp_path) == ([], [])
    r = run_cli("source", "remove", "s-one", env=env)
    assert r.returncode != 0 and "read-only" in r.stderr
