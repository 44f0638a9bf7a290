"""Article: decoding, cleaning, and exact paragraph/sentence/token spans."""

from __future__ import annotations

import hashlib
import os
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit as ml
from medialit.article import MAX_CHARS, Article, ArticleWarning, decode_bytes

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "articles" / "rt-nato-russia-2022-01-12"
SEED_SHA256 = "470e7f0672ba0ba044218956ec57d776ab99ba976586a6d258079fae22a2ce86"


def assert_exact(article: Article) -> None:
    text = article.text
    for spans in (article.paragraphs, article.sentences, article.tokens):
        last = 0
        for s in spans:
            assert text[s.start : s.end] == s.text
            assert 0 <= s.start < s.end <= len(text)
            assert s.start >= last, "spans must be ordered and not overlap"
            last = s.end


# ---------------------------------------------------------------- the seed
def test_seed_is_byte_for_byte_the_shared_article():
    data = (SEED_DIR / "article.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256
    shared = REPO.parent / "shared" / "seed" / "rt-nato-russia-2022-01-12.txt"
    if shared.exists():
        assert shared.read_bytes() == data


def test_seed_meta_records_what_a_reader_can_establish(seed):
    meta = seed.meta
    assert seed.title.startswith("Key points from Moscow")
    assert "RT" in meta["source"]["original_publisher"]
    assert "automatically" in meta["source"]["republisher_disclaimer"]
    assert str(meta["date"]) == "2022-01-12"
    assert [step["language"] for step in meta["language_path"]] == ["Russian", "French", "English"]
    assert meta["license"] and meta["notes"]
    assert meta["encoding"] == "utf-8"


def test_seed_segments(seed):
    assert_exact(seed)
    paras = [p.text for p in seed.paragraphs]
    assert paras[0] == "EuropeFranceMiddle EastNational NewsPoliticsUSA News"
    assert paras[-1] == "Back to top button"
    assert "Luck for peace" in paras
    sentences = [s.text for s in seed.sentences]
    # The broken attributions split where a reader would split them.
    assert "he said." in sentences
    assert any(s.endswith("he added.") and s.startswith("“First of all") for s in sentences)
    assert "said the diplomat." in sentences
    assert "Or explain why they are unacceptable." in sentences
    assert "Nobody else." in sentences


def test_tokens_keep_inner_apostrophes_and_hyphens(seed):
    words = {t.text for t in seed.tokens}
    assert {"NATO’s", "US-led", "NATO-Russia", "long-awaited", "won’t"} <= words
    assert all(t.text.strip() == t.text for t in seed.tokens)


def test_paragraph_and_sentence_lookup(seed):
    span = seed.find("Luck for peace")
    i = seed.paragraph_index(span.start)
    assert seed.paragraphs[i].text == "Luck for peace"
    assert seed.sentence_at(span.start + 3).text == "Luck for peace"


# ------------------------------------------------------------------- find
def test_find_whole_words_occurrence_and_hints(seed):
    assert seed.find("RT", 2).start > 4000
    with pytest.raises(LookupError, match="occurs 2 time"):
        seed.find("RT", 3)
    with pytest.raises(LookupError, match="closest passage is 'Luck for peace'"):
        seed.find("Luck for piece")
    # the hint never stops mid-word, even when the typo is shorter than the passage
    with pytest.raises(LookupError, match="closest passage is 'Luck for peace'"):
        seed.find("Luck for pe")
    # "bloc" is a word of its own, not the start of "block"
    assert all(seed.text[s.end : s.end + 1] != "k" for s in seed.find_all("bloc"))
    # straight quotes in a key still find curly ones
    assert seed.find('"Main opponent"').text == "“Main opponent”"


# ------------------------------------------------------------- bad input
def test_empty_and_whitespace_text_are_refused():
    for text in ("", "   \n\t \n"):
        with pytest.raises(ValueError, match="empty"):
            Article.from_text(text)


def test_non_string_input_is_refused():
    with pytest.raises(TypeError, match="from_file"):
        Article.from_text(b"bytes")  # type: ignore[arg-type]


def test_too_large_text_says_what_to_do(monkeypatch):
    monkeypatch.setattr("medialit.article.MAX_CHARS", 100)
    with pytest.raises(ValueError, match="Split it"):
        Article.from_text("x" * 101)
    assert MAX_CHARS >= 10_000_000


def test_crlf_is_normalised_and_offsets_match_what_the_user_sees():
    art = Article.from_text('He said:\r\n\r\n"We will go."\r\nShe agreed.\r\n')
    assert "\r" not in art.text
    assert [p.text for p in art.paragraphs] == ["He said:", '"We will go."', "She agreed."]
    assert_exact(art)
    assert "line endings" in art.meta["cleaned"][0]


def test_html_is_stripped_with_a_warning():
    raw = "<html><body><h1>Title &amp; more</h1><p>First <b>para</b>.</p><script>alert(1)</script><p>Second.</p></body></html>"
    with pytest.warns(ArticleWarning, match="HTML"):
        art = Article.from_text(raw)
    assert "<" not in art.text and "alert" not in art.text
    assert [p.text for p in art.paragraphs] == ["Title & more", "First para.", "Second."]
    assert "stripped HTML" in art.meta["cleaned"][0]


def test_a_lone_angle_bracket_is_not_html():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        art = Article.from_text("Prices rose 3% while x < y in <b>one</b> case.")
    assert "<b>" in art.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Café “quoted” – done".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Café “quoted”".encode(), "utf-8-sig"),
        ("Café “quoted”".encode("utf-16"), "utf-16"),
        ("Café “quoted” – done".encode("utf-16-le"), "utf-16-le"),
        ("Café “quoted” – done".encode("cp1252"), "cp1252"),
    ],
)
def test_files_in_common_encodings_are_decoded(tmp_path, data, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    art = Article.from_file(path)
    assert art.text.startswith("Café “quoted”")
    assert art.meta["encoding"] == encoding


def test_binary_files_get_a_clear_error(tmp_path):
    pdf = tmp_path / "article.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> stream\x00\x01\x02" + bytes(range(256)))
    with pytest.raises(ValueError, match="binary file"):
        Article.from_file(pdf)
    with pytest.raises(ValueError, match="empty"):
        decode_bytes(b"  \n", "empty.txt")


def test_markdown_title_is_read(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("# A headline\n\nBody text here.\n", encoding="utf-8")
    art = Article.from_file(path)
    assert art.title == "A headline"


def test_hard_wrapped_text_keeps_paragraphs_whole():
    text = (
        "The council met on Monday to discuss the\nbudget, which has grown by a third since\nlast year, "
        "and the mayor said that\nthe city would cope.\n\nA second paragraph.\n"
    )
    art = Article.from_text(text)
    assert len(art.paragraphs) == 2
    assert art.paragraphs[0].text.endswith("cope.")


def test_five_megabytes_in_linear_time():
    unit = (SEED_DIR / "article.txt").read_text(encoding="utf-8")

    def cost(n: int) -> float:
        art = Article.from_text(unit * n)
        t = time.perf_counter()
        _ = art.paragraphs, art.sentences, art.tokens
        return time.perf_counter() - t

    small = min(cost(100) for _ in range(2))  # ~0.5 MB
    big = min(cost(1000) for _ in range(1))  # ~5 MB
    assert big < 30 * small + 0.5, f"10x the text took {big / small:.1f}x the time"


# ----------------------------------------------------------- load_article
def test_load_article_from_notebooks_folder_and_root(monkeypatch):
    monkeypatch.delenv("MEDIALIT_DATA", raising=False)
    for folder in (REPO, REPO / "notebooks"):
        monkeypatch.chdir(folder)
        assert ml.load_article("rt-nato-russia-2022-01-12").folder == SEED_DIR.resolve()


def test_load_article_honours_medialit_data(tmp_path, monkeypatch):
    (tmp_path / "articles" / "mine").mkdir(parents=True)
    (tmp_path / "articles" / "mine" / "article.txt").write_text("My own text.", encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_DATA", str(tmp_path))
    assert ml.load_article("mine").text == "My own text."
    assert ml.available_articles() == ["mine"]


def test_unknown_slug_lists_the_available_ones():
    with pytest.raises(LookupError, match="rt-nato-russia-2022-01-12"):
        ml.load_article("no-such-article")


@pytest.mark.parametrize("slug", ["../secrets", "a/b", "/etc/passwd", "..", "a\\b", ""])
def test_slug_with_path_parts_is_refused(slug):
    with pytest.raises(ValueError, match="not a path"):
        ml.load_article(slug)


def test_repr_html_is_escaped():
    art = Article.from_text("Hello <script>alert(1)</script> & goodbye", title="<b>T</b>")
    out = art._repr_html_()
    assert "<script>alert" not in out and "&lt;script&gt;" in out
    assert "&lt;b&gt;T&lt;/b&gt;" in out


# -------------------------------------------------------------- properties
@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_spans_are_exact_for_any_text(text):
    if not text.strip() or "\x00" in text:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ArticleWarning)
        art = Article.from_text(text)
    assert_exact(art)


news_chars = st.sampled_from(list("abc XYZ .,;:!?\n\n'\"“”‘’«»„-–—()[]0123") + ["Mr. ", "U.S. ", "he said. ", "\r\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(news_chars, min_size=1, max_size=120).map("".join))
def test_spans_are_exact_for_news_like_text(text):
    if not text.strip():
        return
    art = Article.from_text(text)
    assert_exact(art)
    # every non-space character of the text lies in some paragraph
    covered = sum(len(p) for p in art.paragraphs)
    assert covered >= len("".join(art.text.split())) - art.text.count("\n")  # loose lower bound


def test_env_var_not_leaking():
    assert os.environ.get("MEDIALIT_ANSWERS")  # set by conftest, so notebooks never write into the repo
