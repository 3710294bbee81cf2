"""HTML views: the article block reads back as the original text, each mark spells its part,
bad ranges never break a page, and headless Chromium builds the same DOM."""
from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.views.render import (
    Item,
    article_section,
    comparison_section,
    highlight,
    items_from_quotes,
    page,
    quote_list,
)
from tests.conftest import ROOT, SEEDS

CHROMIUM = "/usr/bin/chromium" if shutil.which("/usr/bin/chromium") else None
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VOID = {"meta", "br", "img", "link", "hr", "input"}


class Block:
    """One article text block: all its text, and the text under each (quote, part) mark."""

    def __init__(self) -> None:
        self.text = ""
        self.marks: dict[tuple[str, str], str] = defaultdict(str)
        self.lanes: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.labels: list[str] = []


class PageReader(HTMLParser):
    """Reads the text blocks and the side lists of a page (as written, or as a browser dumps it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.lists: list[dict[str, dict[str, str]]] = []
        self.external: list[str] = []
        self.scripts = 0
        self._stack: list[dict] = []
        self._block_depth: int | None = None
        self._item: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if attrs.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[key])
        if tag in VOID:
            return
        classes = attrs.get("class", "").split()
        self._stack.append({"tag": tag, "classes": classes, "attrs": attrs})
        if tag == "div" and "text" in classes:
            self.blocks.append(Block())
            self._block_depth = len(self._stack)
        if tag == "ol" and "quotes" in classes:
            self.lists.append({})
        if tag == "li" and "data-quote" in attrs and self.lists:
            self._item = defaultdict(str, data_kind=attrs.get("data-kind", ""))
            self.lists[-1][attrs["data-quote"]] = self._item
        if self._block_depth is not None and "data-label" in attrs:
            self.blocks[-1].labels.append(attrs["data-label"])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        element = self._stack.pop()
        assert element["tag"] == tag, f"</{tag}> closes <{element['tag']}>"
        if self._block_depth is not None and len(self._stack) < self._block_depth:
            self._block_depth = None
        if tag == "li":
            self._item = None

    def handle_data(self, data):
        if self._block_depth is not None:
            block = self.blocks[-1]
            block.text += data
            for element in self._stack[self._block_depth :]:
                attrs = element["attrs"]
                if "data-quote" in attrs:
                    key = (attrs["data-quote"], attrs["data-part"])
                    block.marks[key] += data
                    block.lanes[key].update(c for c in element["classes"] if c.startswith("ln"))
        if self._item is not None:
            for element in self._stack:
                for field in ("name", "mention", "type", "role", "cue", "content", "kind", "status"):
                    if field in element["classes"]:
                        self._item[field] += data


def read(html_text: str) -> PageReader:
    reader = PageReader()
    reader.feed(html_text)
    reader.close()
    return reader


def expected_marks(text: str, quotes) -> dict[tuple[str, str], str]:
    marks = {}
    for number, q in enumerate(quotes, 1):
        for part, span in (("content", q.content), ("speaker", q.speaker), ("cue", q.cue), ("role", q.speaker_role)):
            if span is not None and span.start < span.end:
                marks[(str(number), part)] = text[span.start : span.end]
    return marks


def main(argv: list[str]) -> int:
    from quotes.cli import main as cli_main

    return cli_main(argv)


@pytest.fixture(scope="module")
def seed_quotes(extract, seed_text):
    return extract(seed_text)


def test_article_block_is_the_original_text(seed_text, seed_quotes):
    reader = read(page("seed", article_section("a", "seed", seed_text, items_from_quotes(seed_quotes))))
    (block,) = reader.blocks
    assert block.text == seed_text
    assert "Russia's strategic partnership" in block.text and "Russia 's" not in block.text
    assert "\n\n\n" in seed_text and block.text.count("\n") == seed_text.count("\n")


def test_every_mark_spells_its_part(seed_text, seed_quotes):
    reader = read(article_section("a", "seed", seed_text, items_from_quotes(seed_quotes)))
    (block,) = reader.blocks
    assert dict(block.marks) == expected_marks(seed_text, seed_quotes)
    names = {q.speaker_name for q in seed_quotes}
    assert {"Vedant Patel", "Xi Jinping"} <= names
    for number, q in enumerate(seed_quotes, 1):
        if q.speaker_name in ("Vedant Patel", "Xi Jinping"):
            assert block.marks[(str(number), "content")] == q.text
            assert block.marks[(str(number), "speaker")] == q.speaker.text


def test_side_list_gives_kind_name_mention_type_role_cue_and_content():
    text = 'Clashes, said US State Department spokesman Vedant Patel. "We see it," Patel said.'
    role = (text.index("US State"), text.index(" Vedant"))
    patel = (text.rindex("Patel"), text.rindex("Patel") + 5)
    said = (text.rindex("said"), text.rindex("said") + 4)
    content = (text.index("We"), text.index(",\""))
    item = Item(4, "direct", content, patel, said, "Vedant Patel", None, role, "person")
    (entry,) = read(quote_list(text, [item])).lists[0].values()
    assert entry["kind"] == "direct"
    assert entry["name"] == "Vedant Patel"
    assert entry["mention"] == "(“Patel”)"
    assert entry["type"] == "person"
    assert entry["role"] == "US State Department spokesman"
    assert entry["cue"] == "said"
    assert entry["content"] == "We see it"


def test_overlapping_and_nested_marks_stay_readable():
    text = 'He said the plan, which Ann called "a "fair" deal," would pass.'
    items = [
        Item(1, "indirect", (8, len(text) - 1), (0, 2), (3, 7)),
        Item(2, "direct", (text.index("a \"fair"), text.index(",\" would") + 1), (24, 27), (28, 34)),
        Item(3, "mixed", (text.index("which"), text.index("pass")), (24, 27), (3, 7), role=(0, 7)),
    ]
    reader = read(f'<div class="text">{highlight(text, items)}</div>')
    (block,) = reader.blocks
    assert block.text == text
    for item in items:
        for part in ("content", "speaker", "cue", "role"):
            span = getattr(item, part)
            if span is not None:
                assert block.marks[(str(item.number), part)] == text[span[0] : span[1]]
    # Underlines over the same words sit in different lanes.
    assert block.lanes[("2", "speaker")] != block.lanes[("3", "speaker")]
    assert block.lanes[("1", "cue")] != block.lanes[("3", "cue")]
    assert block.lanes[("3", "role")] not in (block.lanes[("1", "cue")], block.lanes[("1", "speaker")])
    # One number at the start of each content and each speaker.
    assert sorted(block.labels) == ["#1", "#1", "#2", "#2", "#3", "#3"]


def test_labels_do_not_add_text(seed_text, seed_quotes):
    html_text = highlight(seed_text, items_from_quotes(seed_quotes), "P")
    (block,) = read(f'<div class="text">{html_text}</div>').blocks
    assert block.labels and all(label.startswith("P") for label in block.labels)
    assert block.text == seed_text


@pytest.mark.parametrize(
    "text",
    [
        'A <b>bold</b> & "quoted" claim,\r\nsaid Ann.\tTabbed   spaces.\n\n\n\nEnd.',
        "   leading and trailing   \n",
        "Emoji 👍🏽 and 日本語 and e\u0301 and \u00a0 and \u200b.",
        "",
    ],
)
def test_any_text_reads_back_exactly(text):
    items = [Item(1, "direct", (0, len(text)), (0, min(3, len(text))))]
    (block,) = read(f'<div class="text">{highlight(text, items)}</div>').blocks
    assert block.text == text


def test_tricky_ranges_render_without_error():
    """The ranges that crashed on PolNeAR (E035 start 39 end 33), and other bad input."""
    text = "Officials said   \n\n  the talks, held in Geneva, went well. \"Yes,\" he said."
    blank = (text.index("   \n"), text.index("the"))
    items = [
        Item(1, "attribution", blank, blank, blank),  # only whitespace
        Item(2, "attribution", (39, 33), (5, 5), None),  # reversed, and empty
        Item(3, "attribution", (-10, 8), (len(text) - 4, len(text) + 50), (0, 9)),  # out of the text
        Item(4, "attribution", None, None, (10, 14)),  # no content at all
        Item(5, "direct", (text.index("Yes"), text.index(",\"")), (text.index("he"), text.index("he") + 2)),
        Item(6, "indirect", (text.index("the"), text.index("went") + 4), (0, 9), (10, 14)),
        Item(7, "indirect", (text.index("held"), len(text)), (0, 9), (10, 14), role=(0, 9)),
    ]
    html_text = comparison_section("d", "doc", text, items, list(reversed(items)))
    reader = read(html_text)
    assert [b.text for b in reader.blocks] == [text, text]
    gold = reader.blocks[0]
    assert gold.marks[("1", "content")] == text[blank[0] : blank[1]]
    assert ("2", "content") not in gold.marks and ("2", "speaker") not in gold.marks
    assert gold.marks[("3", "content")] == text[:8]
    assert gold.marks[("3", "speaker")] == text[-4:]
    assert gold.marks[("5", "content")] == "Yes"
    assert [set(lst) for lst in reader.lists] == [{str(i.number) for i in items}] * 2


def test_quote_with_role_and_source_type_from_extraction(extract):
    text = (
        'US State Department spokesman Vedant Patel spoke on Friday. "China cannot have it both ways," '
        "Patel said."
    )
    found = extract(text)
    items = items_from_quotes(found)
    reader = read(article_section("a", "t", text, items))
    assert reader.blocks[0].text == text
    assert dict(reader.blocks[0].marks) == expected_marks(text, found)
    for item, entry in zip(items, reader.lists[0].values()):
        assert entry["type"] == (item.source_type or "")


def test_render_page_is_static_and_lists_every_quote(tmp_path, seed_text, seed_quotes):
    out = tmp_path / "page.html"
    assert main(["render", str(SEEDS / "seed-000.txt"), "-o", str(out)]) == 0
    reader = read(out.read_text(encoding="utf-8"))
    assert reader.scripts == 0 and not reader.external
    (block,) = reader.blocks
    assert block.text == seed_text
    assert [(e["kind"], e["data_kind"]) for e in reader.lists[0].values()] == [(q.kind, q.kind) for q in seed_quotes]
    assert dict(block.marks) == expected_marks(seed_text, seed_quotes)


def test_render_folder_has_an_index(tmp_path):
    out = tmp_path / "folder.html"
    texts = sorted((ROOT / "gold" / "texts").glob("*.txt"))
    assert main(["render", str(ROOT / "gold" / "texts"), "-o", str(out)]) == 0
    page_text = out.read_text(encoding="utf-8")
    assert page_text.count('<section id="article-') == len(texts)
    assert '<nav class="index">' in page_text
    originals = {p.read_text(encoding="utf-8") for p in texts}
    assert {b.text for b in read(page_text).blocks} == originals


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="/usr/bin/chromium is not installed (.ci/run installs Debian's chromium)")
def test_seed_page_in_headless_chromium(tmp_path, seed_text, seed_quotes):
    assert CHROMIUM is not None  # the skipif above
    page_path = tmp_path / "seed.html"
    assert main(["render", str(SEEDS / "seed-000.txt"), "-o", str(page_path)]) == 0
    common = FLAGS + [f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2400"]
    shot = tmp_path / "seed.png"
    subprocess.run([CHROMIUM, *common, f"--screenshot={shot}", page_path.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    dom = subprocess.run(
        [CHROMIUM, *common, "--dump-dom", page_path.as_uri()], capture_output=True, timeout=120, check=True
    ).stdout.decode("utf-8")
    reader = read(dom)
    (block,) = reader.blocks
    assert block.text == seed_text
    marks = expected_marks(seed_text, seed_quotes)
    assert dict(block.marks) == marks
    checked = set()
    for number, quote in enumerate(seed_quotes, 1):
        if quote.speaker_name not in ("Vedant Patel", "Xi Jinping"):
            continue
        entry = reader.lists[0][str(number)]
        assert entry["name"] == quote.speaker_name
        assert entry["content"] == quote.text
        assert block.marks[(str(number), "content")] == quote.text
        assert block.marks[(str(number), "speaker")] == quote.speaker.text
        checked.add(quote.speaker_name)
    assert checked == {"Vedant Patel", "Xi Jinping"}


def test_records_that_fail_are_listed_not_lost(seed_text):
    from quotes.run.corpus import Record
    from quotes.views.render import render_records

    records = [
        Record("good", seed_text),
        Record("unreadable", None, error="not UTF-8"),
        Record("surrogate", '"Hi \ud800," he said.'),
        Record("short", '"Caps," Cy said.\n'),
    ]
    reader = read(render_records(records))
    assert [b.text for b in reader.blocks] == [seed_text, '"Caps," Cy said.\n']
    html_text = render_records(records)
    failures = html_text[html_text.index('class="failures"') :]
    assert "unreadable: not UTF-8" in failures and "surrogate:" in failures


RANGES = st.tuples(st.integers(-5, 80), st.integers(-5, 80))


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\t<>&\"'’\r\u00a0é"), max_size=60),
    st.lists(st.tuples(st.one_of(st.none(), RANGES), st.one_of(st.none(), RANGES), st.one_of(st.none(), RANGES)), max_size=6),
)
def test_any_text_and_ranges_read_back(text, parts):
    items = [Item(n, "direct", c, s, q, role=s) for n, (c, s, q) in enumerate(parts, 1)]
    (block,) = read(f'<div class="text">{highlight(text, items)}</div>').blocks
    assert block.text == text
    for item in items:
        for part in ("content", "speaker", "cue", "role"):
            span = getattr(item, part)
            start, end = (max(0, span[0]), min(len(text), span[1])) if span else (0, 0)
            assert block.marks.get((str(item.number), part), "") == (text[start:end] if start < end else "")


def test_side_list_marks_each_status():
    from quotes.views.render import STATUS_MARK

    text = '"Yes," Ann said.'
    items = [Item(n, "direct", (1, 4), (6, 9), (10, 14), "Ann", status) for n, status in enumerate(STATUS_MARK, 1)]
    html_text = quote_list(text, items)
    entries = read(html_text).lists[0]
    assert [entries[str(n)]["status"] for n in range(1, len(items) + 1)] == list(STATUS_MARK.values())
    for status in STATUS_MARK:
        assert f'class="status-{status}"' in html_text
