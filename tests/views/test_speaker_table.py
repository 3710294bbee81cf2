"""``quotes speakers``: one speaker across a corpus, without merging people who share a surname."""
from __future__ import annotations

import csv
import json

import pytest

from quotes.views.quotelines import ReadStats, parse_line, read_quote_lines
from quotes.views.speaker_table import Speaker, clean_person, merge_speakers, split_names
from tests.corpus_lines import gender_corpus, quote_line, run_command, write_jsonl

A1 = ('U.S. State Department spokesman Vedant Patel said on Monday that Washington was watching closely. '
      '"It can\'t have it both ways," Patel said. Officials said the talks would resume next week.')
A2 = '"We are not there yet," Patel told reporters in Washington.'
A3 = 'Mr. Patel said the figures were "deeply flawed". The report found that exports fell by a fifth.'
A4 = ('Mayor Sarah Keller said the budget was balanced. Her brother, council member Tom Keller, '
      'disagreed: "The numbers do not add up," Tom Keller said.')
A5 = '"We will appeal," Keller said outside the courthouse.'
A6 = 'Tom Keller said the vote was rigged. Keller added that he would appeal.'
A7 = '"We stand together," Sarah Keller and Tom Keller said in a joint statement.'
A8 = ('TASS reported that the talks had stalled. Ford said its plants would reopen. '
      '"I never drove one," Ford said. Xi Jinping said the two sides agreed on a framework.')
A9 = 'Tass said the delegation had left. Xi said ties were "at a new starting point". The Report was leaked.'


def corpus() -> list[dict]:
    return [
        quote_line("a1", A1, "that Washington was watching closely", "Vedant Patel", kind="indirect",
                   role="U.S. State Department spokesman"),
        quote_line("a1", A1, "It can't have it both ways,", "Patel", name="Vedant Patel",
                   role="U.S. State Department spokesman"),
        quote_line("a1", A1, "the talks would resume next week", "Officials", kind="indirect", source_type="anonymous"),
        quote_line("a2", A2, "We are not there yet,", "Patel", "told"),
        quote_line("a3", A3, 'the figures were "deeply flawed"', "Mr. Patel", kind="mixed", name="Mr.  patel"),
        quote_line("a3", A3, "that exports fell by a fifth", "The report", "found", kind="indirect", source_type="document"),
        quote_line("a4", A4, "the budget was balanced", "Sarah Keller", kind="indirect", role="Mayor"),
        quote_line("a4", A4, "The numbers do not add up,", "Tom Keller", role="council member"),
        quote_line("a5", A5, "We will appeal,", "Keller"),
        quote_line("a6", A6, "the vote was rigged", "Tom Keller", kind="indirect"),
        quote_line("a6", A6, "that he would appeal", "Keller", "added", kind="indirect"),
        quote_line("a7", A7, "We stand together,", "Sarah Keller and Tom Keller"),
        quote_line("a8", A8, "that the talks had stalled", "TASS", "reported", kind="indirect", source_type="organisation"),
        quote_line("a8", A8, "its plants would reopen", "Ford", kind="indirect", source_type="organisation"),
        quote_line("a8", A8, "I never drove one,", "Ford", name="Ford"),
        quote_line("a8", A8, "the two sides agreed on a framework", "Xi Jinping", kind="indirect"),
        quote_line("a9", A9, "the delegation had left", "Tass", kind="indirect", source_type="organisation"),
        quote_line("a9", A9, 'ties were "at a new starting point"', "Xi", kind="mixed"),
        quote_line("a9", A9, "was leaked", "The Report", None, kind="indirect", source_type="document"),
    ]


def speakers_of(lines: list[dict]) -> dict[tuple[str, str], Speaker]:
    found = merge_speakers(parse_line(line) for line in lines)
    table = {(s.name, s.type): s for s in found}
    assert len(table) == len(found), "two rows with the same name and type"
    return table


def test_fixture_offsets_match_the_text():
    texts = {f"a{i}": t for i, t in enumerate([A1, A2, A3, A4, A5, A6, A7, A8, A9], 1)}
    for line in corpus():
        text = texts[line["id"]]
        for part in (line, line["speaker"], line["cue"], line["speaker_role"]):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]


def test_full_name_bare_surname_and_honorific_are_one_speaker():
    patel = speakers_of(corpus())[("Vedant Patel", "person")]
    assert (patel.quotes, patel.documents) == (4, 3)
    assert patel.roles == ("U.S. State Department spokesman",)
    assert set(patel.names) == {"Vedant Patel", "Patel", "patel"}


def test_people_sharing_a_surname_stay_apart_and_ambiguous_surname_stays_alone():
    table = speakers_of(corpus())
    sarah, tom, keller = table[("Sarah Keller", "person")], table[("Tom Keller", "person")], table[("Keller", "person")]
    # Sarah: a4 and the joint statement in a7.
    assert (sarah.quotes, sarah.documents, sarah.roles) == (2, 2, ("Mayor",))
    # Tom: a4, a6 twice (the bare "Keller" of a6 can only be him there), a7.
    assert (tom.quotes, tom.documents, tom.roles) == (4, 3, ("council member",))
    # a5 never says which Keller: neither person gets the quote.
    assert (keller.quotes, keller.documents) == (1, 1)


def test_bare_surname_joins_the_only_full_name_in_the_corpus():
    lines = [
        quote_line("b1", "Sarah Keller said it was over.", "it was over", "Sarah Keller", kind="indirect"),
        quote_line("b2", '"Enough," Keller said.', "Enough,", "Keller"),
    ]
    assert [(s.name, s.quotes, s.documents) for s in merge_speakers(parse_line(x) for x in lines)] == [
        ("Sarah Keller", 2, 2)]
    lines.append(quote_line("b3", "Tom Keller said no.", "no", "Tom Keller", kind="indirect"))
    assert {(s.name, s.quotes) for s in merge_speakers(parse_line(x) for x in lines)} == {
        ("Sarah Keller", 1), ("Tom Keller", 1), ("Keller", 1)}


def test_surname_first_names_merge_too():
    xi = speakers_of(corpus())[("Xi Jinping", "person")]
    assert (xi.quotes, xi.documents) == (2, 2)


def test_each_non_person_type_groups_by_normalised_name_within_its_type():
    table = speakers_of(corpus())
    assert (table[("TASS", "organisation")].quotes, table[("TASS", "organisation")].documents) == (2, 2)
    assert table[("Officials", "anonymous")].quotes == 1
    documents = [s for (_, kind), s in table.items() if kind == "document"]  # "The report", "The Report"
    assert [(s.name.lower(), s.quotes, s.documents) for s in documents] == [("the report", 2, 2)]
    # The carmaker and a person called Ford are different sources.
    assert table[("Ford", "organisation")].quotes == 1 and table[("Ford", "person")].quotes == 1


def test_coordinated_names_count_for_each_person_once():
    assert split_names("Sarah Keller and Tom Keller") == ("Sarah Keller", "Tom Keller")
    assert split_names("Xi Jinping, Vladimir Putin and Mr. Patel") == ("Xi Jinping", "Vladimir Putin", "Patel")
    assert split_names("Patel and his deputy") == ("Patel",)
    lines = [quote_line("c1", '"No," Vedant Patel and Mr. Patel said.', "No,", "Vedant Patel and Mr. Patel")]
    assert [(s.name, s.quotes) for s in merge_speakers(parse_line(x) for x in lines)] == [("Vedant Patel", 1)]


def test_organisation_names_with_and_are_not_split():
    lines = [quote_line("d1", "Procter and Gamble said sales rose.", "sales rose", "Procter and Gamble",
                        kind="indirect", source_type="organisation")]
    assert [s.name for s in merge_speakers(parse_line(x) for x in lines)] == ["Procter and Gamble"]


def test_clean_person_strips_honorifics_possessives_and_spacing():
    assert clean_person("  Mr.   Vedant  Patel ") == "Vedant Patel"
    assert clean_person("President Xi's") == "Xi"
    assert clean_person("Dr. Patel") == "Patel"
    assert clean_person("Vedant Pa\u200btel") == "Vedant Patel"
    assert clean_person("Mr.") == "Mr."  # an honorific alone is all there is


def test_order_is_quotes_then_name():
    found = merge_speakers(parse_line(x) for x in corpus())
    assert [s.quotes for s in found] == sorted((s.quotes for s in found), reverse=True)
    for a, b in zip(found, found[1:]):
        if a.quotes == b.quotes:
            assert a.name.casefold() <= b.name.casefold()


def test_command_prints_github_table_and_writes_csv(tmp_path, capsys):
    out = write_jsonl(tmp_path / "out.jsonl", corpus())
    table_csv = tmp_path / "speakers.csv"
    assert run_command(["speakers", str(out), "--csv", str(table_csv), "--top", "3"]) == 0
    printed, err = capsys.readouterr()
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in printed.strip().splitlines()]
    assert rows[0] == ["name", "type", "gender", "roles", "quotes", "documents"]
    assert set(rows[1][0]) <= set("-:") and len(rows) == 2 + 3
    assert rows[2] == ["Tom Keller", "person", "unknown", "council member", "4", "3"]  # no line says
    assert rows[3] == ["Vedant Patel", "person", "unknown", "U.S. State Department spokesman", "4", "3"]
    assert "showing the top 3" in err and "Traceback" not in err

    with table_csv.open(newline="", encoding="utf-8") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["name", "type", "gender", "roles", "quotes", "documents"]
    assert len(written) == 1 + len(merge_speakers(parse_line(x) for x in corpus()))  # --top limits the print only
    by_name = {(row[0], row[1]): row for row in written[1:]}
    assert by_name[("Sarah Keller", "person")] == ["Sarah Keller", "person", "unknown", "Mayor", "2", "2"]
    assert by_name[("Keller", "person")] == ["Keller", "person", "unknown", "", "1", "1"]
    assert by_name[("TASS", "organisation")] == ["TASS", "organisation", "", "", "2", "2"]  # no gender


def test_roles_are_listed_most_frequent_first(tmp_path, capsys):
    text = "Spokesman Vedant Patel said yes. State Department spokesman Vedant Patel said no."
    lines = [quote_line("e1", text, "yes", "Vedant Patel", kind="indirect", role="Spokesman"),
             quote_line("e2", text, "no", "Vedant Patel", kind="indirect", role="State Department spokesman"),
             quote_line("e3", text, "yes", "Vedant Patel", kind="indirect", role="State Department spokesman")]
    table_csv = tmp_path / "s.csv"
    assert run_command(["speakers", str(write_jsonl(tmp_path / "o.jsonl", lines)), "--csv", str(table_csv)]) == 0
    rows = list(csv.reader(table_csv.open(encoding="utf-8")))
    assert rows[1] == ["Vedant Patel", "person", "unknown", "State Department spokesman; Spokesman", "3", "3"]


def test_malformed_lines_are_counted_not_fatal(tmp_path, capsys):
    good = corpus()[:4]
    out = tmp_path / "out.jsonl"
    write_jsonl(out, [good[0], "{not json", json.dumps([1, 2]), good[1], {**good[2], "kind": "rumour"}, "", good[3]])
    out.write_bytes(out.read_bytes() + b'{"id": "x", "kind": "direct", "text": "\xff"}\n')
    stats = ReadStats()
    assert [line.id for line in read_quote_lines([str(out)], stats)] == ["a1", "a1", "a2"]
    assert (stats.lines, stats.skipped) == (7, 4)
    assert run_command(["speakers", str(out)]) == 0
    printed, err = capsys.readouterr()
    assert "skipped 4 malformed lines" in err and f"{out}:2: not JSON" in err
    assert "Vedant Patel" in printed


@pytest.mark.parametrize("command", ["speakers", "report"])
def test_no_readable_line_is_exit_1(tmp_path, capsys, command):
    """Every line malformed: nothing was counted, which a script must be able to tell from an
    empty corpus (exit 0)."""
    broken = write_jsonl(tmp_path / "broken.jsonl", ["{not json", json.dumps([1, 2])])
    empty = write_jsonl(tmp_path / "empty.jsonl", [])
    extra = ["-o", str(tmp_path / "r.html")] if command == "report" else []
    assert run_command([command, str(broken), *extra]) == 1
    assert "skipped 2 malformed lines" in capsys.readouterr().err
    assert run_command([command, str(empty), *extra]) == 0


@pytest.mark.parametrize("case", ["missing", "folder", "csv"])
def test_bad_paths_give_one_line_and_exit_2(tmp_path, capsys, case):
    out = write_jsonl(tmp_path / "out.jsonl", corpus())
    argv = {
        "missing": ["speakers", str(tmp_path / "nope.jsonl")],
        "folder": ["speakers", str(tmp_path)],
        "csv": ["speakers", str(out), "--csv", str(tmp_path / "no" / "dir" / "s.csv")],
    }[case]
    assert run_command(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("quotes: error:") and len(err.splitlines()) == 1


def test_bad_top_is_a_usage_error(tmp_path):
    out = write_jsonl(tmp_path / "out.jsonl", corpus())
    with pytest.raises(SystemExit) as exit_:
        run_command(["speakers", str(out), "--top", "0"])
    assert exit_.value.code == 2


def test_quotes_without_a_source_are_not_speakers(tmp_path):
    lines = [quote_line("f1", "Exports fell, according to figures.", "Exports fell", None, None,
                        kind="indirect", source_type="none")]
    assert merge_speakers(parse_line(x) for x in lines) == []


# -- one person, one gender across the corpus ----------------------------------------------------


def test_one_person_one_gender_across_the_corpus():
    table = speakers_of(gender_corpus())
    # A known gender in one article and nothing said in another ("Ruiz", g2): the known one.
    assert (table[("Ana Ruiz", "person")].gender, table[("Ana Ruiz", "person")].quotes) == ("female", 3)
    # Presented as a man in g3 and as a woman in g4: unknown, and a conflict.
    blake = table[("Jordan Blake", "person")]
    assert (blake.gender, blake.conflict, blake.quotes) == ("unknown", True, 3)
    assert blake.presented == (("female", "g4", "role word"), ("male", "g3", "pronoun"))
    # Unknown stays unknown; the joint quote of g5 says nothing of Tom Ode, g1 does.
    assert table[("Pat Kim", "person")].gender == "unknown" and table[("Sam Lee", "person")].gender == "unknown"
    assert table[("Tom Ode", "person")].gender == "male" and not table[("Tom Ode", "person")].conflict
    assert table[("Acme Corp", "organisation")].gender is None
    assert [s.name for s in table.values() if s.conflict] == ["Jordan Blake"]


def test_a_joint_quote_lends_its_gender_to_nobody():
    lines = [quote_line("h1", "Sam Lee and Tom Ode said it was over.", "it was over", "Sam Lee and Tom Ode",
                        kind="indirect", speaker_gender="female", gender_evidence="pronoun")]
    assert {s.name: s.gender for s in merge_speakers(parse_line(x) for x in lines)} == {
        "Sam Lee": "unknown", "Tom Ode": "unknown"}


def test_a_bad_gender_value_is_a_malformed_line(tmp_path):
    good = gender_corpus()[0]
    out = write_jsonl(tmp_path / "out.jsonl", [good, {**good, "speaker_gender": "woman"},
                                               {**good, "gender_evidence": "vibes"}])
    stats = ReadStats()
    assert len(list(read_quote_lines([str(out)], stats))) == 1 and stats.skipped == 2
    assert "speaker_gender 'woman' is not one of female, male, unknown" in stats.examples[0]


def test_command_has_a_gender_column_and_lists_conflicts(tmp_path, capsys):
    out = write_jsonl(tmp_path / "out.jsonl", gender_corpus())
    table_csv, conflicts_csv = tmp_path / "speakers.csv", tmp_path / "conflicts.csv"
    assert run_command(["speakers", str(out), "--csv", str(table_csv)]) == 0
    printed, err = capsys.readouterr()
    assert "1 person presented as a woman in one article and as a man in another, gender unknown (--conflicts)" in err
    rows = list(csv.reader(table_csv.open(encoding="utf-8")))
    assert rows[0] == ["name", "type", "gender", "roles", "quotes", "documents"]
    assert {row[0]: row[2] for row in rows[1:]} == {
        "Ana Ruiz": "female", "Jordan Blake": "unknown", "Tom Ode": "male", "Acme Corp": "",
        "Pat Kim": "unknown", "Sam Lee": "unknown"}

    assert run_command(["speakers", str(out), "--conflicts", "--csv", str(conflicts_csv)]) == 0
    printed, err = capsys.readouterr()
    lines = [[cell.strip() for cell in line.strip("|").split("|")] for line in printed.strip().splitlines()]
    assert lines[0] == ["name", "quotes", "documents", "female in", "male in"]
    assert lines[2:] == [["Jordan Blake", "3", "2", "g4 (role word)", "g3 (pronoun)"]]
    assert list(csv.reader(conflicts_csv.open(encoding="utf-8"))) == [
        ["name", "quotes", "documents", "female in", "male in"], ["Jordan Blake", "3", "2", "g4 (role word)", "g3 (pronoun)"]]
    assert "(--conflicts)" not in err


def test_conflicts_of_a_corpus_without_any_is_an_empty_list(tmp_path, capsys):
    out = write_jsonl(tmp_path / "out.jsonl", corpus())
    assert run_command(["speakers", str(out), "--conflicts"]) == 0
    printed, err = capsys.readouterr()
    assert "Jordan" not in printed and "name" in printed and "presented as a woman" not in err
