"""HTML views: the page's structure, and the page as headless Chromium builds it."""
from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest

import quotes
from quotes.cli import main

from .conftest import ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class PageReader(HTMLParser):
    """Collects displaCy token spans (text and the labels that start on them) and list items."""

    def __init__(self):
        super().__init__()
        self.tokens: list[dict] = []
        self.items: dict[str, dict] = {}
        self.external: list[str] = []
        self._stack: list[tuple[str, str]] = []
        self._item: str | None = None
        self._field: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        css = attrs.get("class") or ""
        for key in ("src", "href"):
            if attrs.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[key])
        if tag == "span" and css == "qt":
            self.tokens.append({"text": "", "labels": []})
        if tag == "li" and "data-quote" in attrs:
            self._item = attrs["data-quote"]
            self.items[self._item] = {"kind": attrs.get("data-kind"), "name": "", "content": ""}
        if self._item and css == "name":
            self._field = "name"
        if self._item and tag == "q":
            self._field = "content"
        self._stack.append((tag, css))

    def handle_endtag(self, tag):
        tag_, css = self._stack.pop() if self._stack else (tag, "")
        if tag == "li":
            self._item = None
        if css == "name" or tag == "q":
            self._field = None

    def handle_data(self, data):
        classes = [css for _, css in self._stack]
        if classes and classes[-1] == "ql":
            self.tokens[-1]["labels"].append(data.strip())
        elif classes and classes[-1] == "qt":
            self.tokens[-1]["text"] += data.strip()
        if self._item and self._field:
            self.items[self._item][self._field] += data

    def highlighted(self, label: str, length: int) -> str:
        """The text of the tokens from the one where ``label`` starts, up to ``length`` letters."""
        start = next(i for i, t in enumerate(self.tokens) if label in t["labels"])
        text = ""
        for token in self.tokens[start:]:
            if len(text) >= length:
                break
            text += token["text"]
        return text


def squash(text: str) -> str:
    return "".join(text.split()).replace("&quot;", '"')


def test_render_page_is_static_and_lists_every_quote(tmp_path):
    out = tmp_path / "page.html"
    assert main(["render", str(SEEDS / "seed-000.txt"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    reader = PageReader()
    reader.feed(page)
    found = quotes.extract((SEEDS / "seed-000.txt").read_text())
    assert len(reader.items) == len(found)
    assert "<script" not in page and not reader.external
    for number, quote in enumerate(found, 1):
        assert reader.items[str(number)]["kind"] == quote.kind
        assert any(f"#{number} CONTENT" in t["labels"] for t in reader.tokens)


def test_render_folder_has_an_index(tmp_path):
    out = tmp_path / "folder.html"
    assert main(["render", str(ROOT / "gold" / "texts"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('<section id="article-') == len(list((ROOT / "gold" / "texts").glob("*.txt")))
    assert '<nav class="index">' in page


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_seed_page_in_headless_chromium(tmp_path):
    page = tmp_path / "seed.html"
    assert main(["render", str(SEEDS / "seed-000.txt"), "-o", str(page)]) == 0
    common = FLAGS + [f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2400"]
    shot = tmp_path / "seed.png"
    subprocess.run([CHROMIUM, *common, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    dom = subprocess.run(
        [CHROMIUM, *common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    reader = PageReader()
    reader.feed(dom)

    found = quotes.extract((SEEDS / "seed-000.txt").read_text())
    checked = set()
    for number, quote in enumerate(found, 1):
        if quote.speaker_name not in ("Vedant Patel", "Xi Jinping"):
            continue
        item = reader.items[str(number)]
        assert item["name"] == quote.speaker_name
        assert squash(item["content"]) == squash(quote.text)
        content = squash(quote.text)
        assert squash(reader.highlighted(f"#{number} CONTENT", len(content))) == content
        speaker = squash(quote.speaker.text)
        assert squash(reader.highlighted(f"#{number} SPEAKER", len(speaker))) == speaker
        checked.add(quote.speaker_name)
    assert checked == {"Vedant Patel", "Xi Jinping"}
