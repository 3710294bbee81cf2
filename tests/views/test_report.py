"""``quotes report``: the page's tables and SVG labels hold the counts of a corpus we count by hand."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tests.corpus_lines import gender_corpus, quote_line, run_command, write_jsonl

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

R1 = ('"It can\'t have it both ways," Vedant Patel said. U.S. State Department spokesman Vedant Patel said '
      'Washington was watching. Officials said the talks would resume.')
R2 = "TASS reported that the talks had stalled. The report found that exports fell."
R3 = ('"The budget is balanced," Mayor Sarah Keller said. "It is not," Tom Keller said. A senior official '
      "said the vote would be delayed. It is believed that the money was spent.")
R4 = 'Patel said China could not "have its cake and eat it too".'
R5 = "The weather was mild on Tuesday."
R6 = '"We were never told," a source said.'


def quote_lines(carry: bool = True) -> list[dict]:
    """11 quotes in 5 records (R5 has none); R6's line carries no outlet."""
    reuters, ap = ({"outlet": "Reuters"}, {"outlet": "AP"}) if carry else ({}, {})
    return [
        quote_line("r1", R1, "It can't have it both ways,", "Vedant Patel", **reuters),
        quote_line("r1", R1, "Washington was watching", "Vedant Patel", kind="indirect",
                   role="U.S. State Department spokesman", **reuters),
        quote_line("r1", R1, "the talks would resume", "Officials", kind="indirect", source_type="anonymous", **reuters),
        quote_line("r2", R2, "that the talks had stalled", "TASS", "reported", kind="indirect",
                   source_type="organisation", **reuters),
        quote_line("r2", R2, "that exports fell", "The report", "found", kind="indirect", source_type="document", **reuters),
        quote_line("r3", R3, "The budget is balanced,", "Sarah Keller", role="Mayor", **ap),
        quote_line("r3", R3, "It is not,", "Tom Keller", **ap),
        quote_line("r3", R3, "the vote would be delayed", "A senior official", kind="indirect",
                   source_type="anonymous", **ap),
        quote_line("r3", R3, "the money was spent", None, "believed", kind="belief", source_type="none", **ap),
        quote_line("r4", R4, 'China could not "have its cake and eat it too"', "Patel", kind="mixed", **ap),
        quote_line("r6", R6, "We were never told,", "a source", source_type="anonymous"),
    ]


def input_records() -> list[dict]:
    outlets = {"r1": "Reuters", "r2": "Reuters", "r3": "AP", "r4": "AP", "r5": "AP", "r6": "BBC"}
    texts = {"r1": R1, "r2": R2, "r3": R3, "r4": R4, "r5": R5, "r6": R6}
    return [{"id": key, "text": texts[key], "outlet": outlets[key]} for key in texts]


class ReportReader(HTMLParser):
    """Tables (id -> rows of cell text) and SVG charts (id -> bars, labels and figures)."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.charts: dict[str, dict[str, list]] = {}
        self.fetches: list[str] = []
        self.scripts = 0
        self._table: str | None = None
        self._chart: str | None = None
        self._cell: list[str] | None = None
        self._text: tuple[str, list[str]] | None = None
        self._in_title = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.scripts += tag == "script"
        self.fetches += [attrs[k] for k in ("src", "href") if attrs.get(k)]
        if tag == "table":
            self._table = attrs.get("id") or ""
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []
        elif tag == "svg":
            self._chart = attrs.get("id") or ""
            self.charts[self._chart] = {"bars": [], "segments": [], "label": [], "value": [], "share": [], "legend": []}
        elif tag == "rect" and self._chart:
            kind = {"bar": "bars", "segment": "segments"}.get(attrs.get("class", ""))
            if kind:
                self.charts[self._chart][kind].append(attrs)
        elif tag == "text" and self._chart:
            self._text = (attrs.get("class", ""), [])
        elif tag == "title":
            self._in_title += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "svg":
            self._chart = None
        elif tag == "text" and self._text and self._chart is not None:
            css, parts = self._text
            if css in self.charts[self._chart]:
                self.charts[self._chart][css].append("".join(parts).strip())
            self._text = None
        elif tag == "title":
            self._in_title -= 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._text is not None and not self._in_title:
            self._text[1].append(data)


def read_page(html: str) -> ReportReader:
    reader = ReportReader()
    reader.feed(html)
    return reader


KINDS_TABLE = [["kind", "quotes", "share (%)"], ["direct", "4", "36.4"], ["indirect", "5", "45.5"],
               ["mixed", "1", "9.1"], ["belief", "1", "9.1"]]
TYPES_TABLE = [["source type", "quotes", "share (%)"], ["person", "5", "45.5"], ["organisation", "1", "9.1"],
               ["anonymous", "3", "27.3"], ["document", "1", "9.1"], ["none", "1", "9.1"]]
GROUP_HEADER = ["outlet", "articles", "quotes", "quotes per article", "anonymous share (%)", "person (%)",
                "organisation (%)", "document (%)", "none (%)"]
GENDER_HEADER = ["gender", "quotes", "share of quotes (%)", "people", "share of people (%)"]
GROUP_GENDER_HEADER = ["outlet", "quotes from people", "women (% of quotes)", "men (% of quotes)",
                       "unknown (% of quotes)", "people", "women (% of people)", "men (% of people)",
                       "unknown (% of people)"]


def check_numbers(page: ReportReader) -> None:
    """The figures of the corpus without --records, grouped by outlet."""
    assert page.tables["table-totals"] == [["measure", "value"], ["articles with quotes", "5"], ["quotes", "11"],
                                           ["quotes per article", "2.20"]]
    assert page.tables["table-kinds"] == KINDS_TABLE
    assert page.tables["table-source_types"] == TYPES_TABLE
    speakers = page.tables["table-speakers"]
    assert speakers[0] == ["name", "type", "gender", "roles", "quotes", "documents"]
    assert speakers[1] == ["Vedant Patel", "person", "unknown", "U.S. State Department spokesman", "3", "2"]
    assert len(speakers) == 1 + 8 and all(row[4] == "1" for row in speakers[2:])
    # Lines written before genders (none carries speaker_gender): every person unknown, and counted.
    assert page.tables["table-gender"] == [GENDER_HEADER, ["women", "0", "0.0", "0", "0.0"],
                                           ["men", "0", "0.0", "0", "0.0"], ["unknown", "5", "100.0", "3", "100.0"]]
    assert page.tables["table-groups_gender"] == [
        GROUP_GENDER_HEADER,
        ["AP", "3", "0.0", "0.0", "100.0", "3", "0.0", "0.0", "100.0"],
        ["Reuters", "2", "0.0", "0.0", "100.0", "1", "0.0", "0.0", "100.0"],
        ["(missing)", "0", "0.0", "0.0", "0.0", "0", "0.0", "0.0", "0.0"],
    ]
    assert {(row[0], row[1]) for row in speakers[2:]} == {
        ("Officials", "anonymous"), ("A senior official", "anonymous"), ("a source", "anonymous"),
        ("TASS", "organisation"), ("The report", "document"), ("Sarah Keller", "person"), ("Tom Keller", "person")}
    assert page.tables["table-groups"] == [
        GROUP_HEADER,
        ["AP", "2", "5", "2.50", "20.0", "60.0", "0.0", "0.0", "20.0"],
        ["Reuters", "2", "5", "2.50", "20.0", "40.0", "20.0", "20.0", "0.0"],
        ["(missing)", "1", "1", "1.00", "100.0", "0.0", "0.0", "0.0", "0.0"],
    ]

    kinds = page.charts["chart-kinds"]
    assert [bar["data-label"] for bar in kinds["bars"]] == ["direct", "indirect", "mixed", "belief"]
    assert [bar["data-value"] for bar in kinds["bars"]] == ["4", "5", "1", "1"]
    assert kinds["label"] == ["direct", "indirect", "mixed", "belief"]
    assert kinds["value"] == ["4 (36.4%)", "5 (45.5%)", "1 (9.1%)", "1 (9.1%)"]
    widths = [float(bar["width"]) for bar in kinds["bars"]]
    assert widths[1] == max(widths) and widths[0] == pytest.approx(widths[1] * 4 / 5, abs=0.2)

    types = page.charts["chart-source-types"]
    assert types["label"] == ["person", "organisation", "anonymous", "document", "none"]
    assert types["value"] == ["5 (45.5%)", "1 (9.1%)", "3 (27.3%)", "1 (9.1%)", "1 (9.1%)"]
    assert len(types["bars"]) == 5

    speakers_chart = page.charts["chart-speakers"]
    assert len(speakers_chart["bars"]) == 8 and speakers_chart["label"][0] == "Vedant Patel"
    assert speakers_chart["value"][:2] == ["3 (2 articles)", "1 (1 article)"]

    anonymous = page.charts["chart-groups-anonymous"]
    assert anonymous["label"] == ["AP", "Reuters", "(missing)"]
    assert anonymous["value"] == ["20.0%", "20.0%", "100.0%"]
    per_article = page.charts["chart-groups-per-article"]
    assert per_article["value"] == ["2.50", "2.50", "1.00"]
    stacked = page.charts["chart-groups-types"]
    assert stacked["legend"] == ["person", "organisation", "anonymous", "document", "none"]
    ap = {seg["data-label"]: float(seg["data-value"]) for seg in stacked["segments"] if seg["data-group"] == "AP"}
    assert ap == {"person": 0.6, "anonymous": 0.2, "none": 0.2}
    assert "60.0%" in stacked["share"]


def test_report_numbers(tmp_path, capsys):
    out = write_jsonl(tmp_path / "out.jsonl", quote_lines())
    page = tmp_path / "report.html"
    assert run_command(["report", str(out), "-o", str(page), "--group-by", "outlet", "--title", "Test corpus"]) == 0
    html = page.read_text(encoding="utf-8")
    check_numbers(read_page(html))
    assert "<title>Test corpus</title>" in html
    assert "--records" in html  # the page says how articles were counted
    assert "wrote" in capsys.readouterr().err


def test_records_count_articles_without_quotes_and_give_missing_groups(tmp_path):
    out = write_jsonl(tmp_path / "out.jsonl", quote_lines(carry=False))  # no --keep outlet at extraction
    records = write_jsonl(tmp_path / "in.jsonl", input_records())
    page = tmp_path / "report.html"
    assert run_command(["report", str(out), "-o", str(page), "--group-by", "outlet", "--records", str(records)]) == 0
    tables = read_page(page.read_text(encoding="utf-8")).tables
    assert tables["table-totals"] == [["measure", "value"], ["articles", "6"], ["articles with quotes", "5"],
                                      ["articles without quotes", "1"], ["quotes", "11"], ["quotes per article", "1.83"]]
    assert tables["table-groups"] == [
        GROUP_HEADER,
        ["AP", "3", "5", "1.67", "20.0", "60.0", "0.0", "0.0", "20.0"],
        ["BBC", "1", "1", "1.00", "100.0", "0.0", "0.0", "0.0", "0.0"],
        ["Reuters", "2", "5", "2.50", "20.0", "40.0", "20.0", "20.0", "0.0"],
    ]


def test_csv_dir_holds_the_same_tables(tmp_path):
    out = write_jsonl(tmp_path / "out.jsonl", quote_lines())
    page, folder = tmp_path / "report.html", tmp_path / "tables" / "new"
    assert run_command(["report", str(out), "-o", str(page), "--group-by", "outlet", "--csv", str(folder)]) == 0
    tables = read_page(page.read_text(encoding="utf-8")).tables
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["gender.csv", "groups.csv", "groups_gender.csv", "kinds.csv", "source_types.csv",
                       "speakers.csv", "totals.csv"]
    for name in written:
        with (folder / name).open(newline="", encoding="utf-8") as handle:
            assert list(csv.reader(handle)) == tables[f"table-{name[:-4]}"], name
    with (folder / "kinds.csv").open(newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == KINDS_TABLE


def test_page_is_static_and_escapes_what_it_prints(tmp_path, capsys):
    lines = quote_lines()
    lines[6] = {**lines[6], "speaker_name": "<b>Tom</b> Keller"}
    out = write_jsonl(tmp_path / "out.jsonl", lines)
    assert run_command(["report", str(out), "--title", "A & <B>", "--group-by", "outlet"]) == 0  # stdout
    html = capsys.readouterr().out
    page = read_page(html)
    assert page.scripts == 0 and page.fetches == []
    assert "<b>Tom" not in html and "&lt;b&gt;Tom&lt;/b&gt; Keller" in html
    assert "<title>A &amp; &lt;B&gt;</title>" in html


def test_top_limits_the_speakers_shown(tmp_path):
    out = write_jsonl(tmp_path / "out.jsonl", quote_lines())
    page = tmp_path / "r.html"
    assert run_command(["report", str(out), "-o", str(page), "--top", "2"]) == 0
    reader = read_page(page.read_text(encoding="utf-8"))
    assert len(reader.tables["table-speakers"]) == 1 + 2 and len(reader.charts["chart-speakers"]["bars"]) == 2
    assert "table-groups" not in reader.tables  # no --group-by, no group section


def test_malformed_lines_and_missing_group_field_are_reported(tmp_path, capsys):
    out = write_jsonl(tmp_path / "out.jsonl", ["{oops", *quote_lines(carry=False), json.dumps({"id": "r9"})])
    page = tmp_path / "r.html"
    assert run_command(["report", str(out), "-o", str(page), "--group-by", "outlet"]) == 0
    err = capsys.readouterr().err
    assert "skipped 2 malformed lines" in err and "no line carries the field 'outlet'" in err
    html = page.read_text(encoding="utf-8")
    assert "skipped 2 malformed lines" in html
    assert read_page(html).tables["table-totals"][2] == ["quotes", "11"]


def test_empty_corpus_gives_a_page_of_zeros(tmp_path):
    out = write_jsonl(tmp_path / "out.jsonl", [])
    page = tmp_path / "r.html"
    assert run_command(["report", str(out), "-o", str(page), "--group-by", "outlet"]) == 0
    reader = read_page(page.read_text(encoding="utf-8"))
    assert reader.tables["table-totals"][1:] == [["articles with quotes", "0"], ["quotes", "0"],
                                                 ["quotes per article", "0.00"]]
    assert [row[1:] for row in reader.tables["table-kinds"][1:]] == [["0", "0.0"]] * 4


@pytest.mark.parametrize("case", ["missing", "output", "csv", "records"])
def test_bad_paths_give_one_line_and_exit_2(tmp_path, capsys, case):
    out = write_jsonl(tmp_path / "out.jsonl", quote_lines())
    blocker = tmp_path / "file"
    blocker.write_text("x")
    argv = {
        "missing": ["report", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.html")],
        "output": ["report", str(out), "-o", str(tmp_path / "no" / "r.html")],
        "csv": ["report", str(out), "-o", str(tmp_path / "r.html"), "--csv", str(blocker / "dir")],
        "records": ["report", str(out), "-o", str(tmp_path / "r.html"), "--records", str(tmp_path / "none.jsonl")],
    }[case]
    assert run_command(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("quotes: error:") and len(err.splitlines()) == 1


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_report_in_headless_chromium(tmp_path):
    out = write_jsonl(tmp_path / "out.jsonl", quote_lines())
    page = tmp_path / "report.html"
    assert run_command(["report", str(out), "-o", str(page), "--group-by", "outlet"]) == 0
    dom = subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    reader = read_page(dom)
    assert set(reader.charts) == {"chart-kinds", "chart-source-types", "chart-speakers", "chart-groups-per-article",
                                  "chart-groups-anonymous", "chart-groups-types", "chart-gender-quotes",
                                  "chart-gender-people", "chart-groups-gender-quotes", "chart-groups-gender-people"}
    check_numbers(reader)


# -- who gets a voice: gender ------------------------------------------------------------------

# tests.corpus_lines.gender_corpus: 9 quotes from people (one organisation's aside). Ana Ruiz
# (3 quotes: g1 twice, g2 as "Ruiz") is a woman, Tom Ode (g1, and g5 with Sam Lee) a man; Jordan
# Blake (g3 twice, g4) is a man in one article and a woman in the other: unknown; Pat Kim and Sam
# Lee unknown; the joint quote of g5 is unknown (a man and an unknown). Quotes: 3 women, 1 man,
# 5 unknown; people: 1, 1, 3.
GENDER_TABLE = [GENDER_HEADER, ["women", "3", "33.3", "1", "20.0"], ["men", "1", "11.1", "1", "20.0"],
                ["unknown", "5", "55.6", "3", "60.0"]]
GROUP_GENDER_TABLE = [
    GROUP_GENDER_HEADER,
    # A: g1, g2: Ana Ruiz 3 quotes, Tom Ode 1.
    ["A", "4", "75.0", "25.0", "0.0", "2", "50.0", "50.0", "0.0"],
    # B: Jordan Blake 3 (unknown), the joint quote, Pat Kim; people Blake, Lee, Ode, Kim.
    ["B", "5", "0.0", "0.0", "100.0", "4", "0.0", "25.0", "75.0"],
]


def test_gender_section_counts_quotes_and_people_with_unknown_in_the_denominator(tmp_path):
    out = write_jsonl(tmp_path / "out.jsonl", gender_corpus())
    page, folder = tmp_path / "report.html", tmp_path / "csv"
    assert run_command(["report", str(out), "-o", str(page), "--group-by", "outlet", "--csv", str(folder)]) == 0
    reader = read_page(page.read_text(encoding="utf-8"))
    assert reader.tables["table-gender"] == GENDER_TABLE
    assert reader.tables["table-groups_gender"] == GROUP_GENDER_TABLE
    for name in ("gender", "groups_gender"):
        with (folder / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            assert list(csv.reader(handle)) == reader.tables[f"table-{name}"]

    quotes_chart, people_chart = reader.charts["chart-gender-quotes"], reader.charts["chart-gender-people"]
    assert quotes_chart["label"] == people_chart["label"] == ["women", "men", "unknown"]  # unknown always drawn
    assert quotes_chart["value"] == ["3 (33.3%)", "1 (11.1%)", "5 (55.6%)"]
    assert [bar["data-value"] for bar in people_chart["bars"]] == ["20", "20", "60"]
    stacked = reader.charts["chart-groups-gender-quotes"]
    assert stacked["legend"] == ["women", "men", "unknown"]
    a = {seg["data-label"]: float(seg["data-value"]) for seg in stacked["segments"] if seg["data-group"] == "A"}
    assert a == {"women": 0.75, "men": 0.25}
    people = reader.charts["chart-groups-gender-people"]
    b = {seg["data-label"]: float(seg["data-value"]) for seg in people["segments"] if seg["data-group"] == "B"}
    assert b == {"men": 0.25, "unknown": 0.75}
    speakers = {row[0]: row[2] for row in reader.tables["table-speakers"][1:]}
    assert speakers["Jordan Blake"] == "unknown" and speakers["Ana Ruiz"] == "female"


def test_gender_section_of_a_corpus_without_people(tmp_path):
    lines = [quote_line("o1", R2, "that the talks had stalled", "TASS", "reported", kind="indirect",
                        source_type="organisation")]
    page = tmp_path / "r.html"
    assert run_command(["report", str(write_jsonl(tmp_path / "out.jsonl", lines)), "-o", str(page)]) == 0
    reader = read_page(page.read_text(encoding="utf-8"))
    assert reader.tables["table-gender"][1:] == [[g, "0", "0.0", "0", "0.0"] for g in ("women", "men", "unknown")]
