from __future__ import annotations

import pytest

from quotes.text.furniture import load_furniture


@pytest.mark.parametrize(
    "line, furniture",
    [
        ("READ MORE: Mayor says no to tower", True),
        # A caption is known by the photo credit after its last sentence.
        ("Mayor Sarah Connolly walks past the library on Tuesday, saying the town will rebuild. (Jane Smith/CBC)",
         True),
        ("A firefighter says the levee held overnight. (Darryl Dyck/The Canadian Press)", True),
        ("Students at Forest Heights Collegiate on Wednesday. (Mathew McCarthy/Record staff)", True),
        ("Christoph Blocher reacts on October 2, 2015. (FABRICE COFFRINI/AFP/Getty Images.)", True),
        ("The premier speaks in Victoria. (REUTERS/Chris Helgren)", True),
        ("(Jane Smith/CBC)", True),
        # Brackets inside a sentence of prose are not a credit.
        ("Support for the plan fell to 40 per cent (Reuters/Ipsos).", False),
        ("He said the rule was fine (and/or fair).", False),
        ("Officials said the road would reopen on Tuesday.", False),
    ],
)
def test_furniture_lines(line, furniture):
    assert load_furniture().is_line(line) is furniture


@pytest.mark.parametrize(
    "text, dateline",
    [
        ('PARIS (AFP) - "We will not give up," he said.', "PARIS (AFP) - "),
        ("OTTAWA (CP) — The deficit will shrink.", "OTTAWA (CP) — "),
        ("WASHINGTON — The president said talks would resume.", "WASHINGTON — "),
        ("WASHINGTON—The president said talks would resume.", "WASHINGTON—"),
        ("LONDON, March 3 (Reuters) - The bank will hold rates.", "LONDON, March 3 (Reuters) - "),
        ("ST. JOHN'S, N.L. — The premier said no.", "ST. JOHN'S, N.L. — "),
        ("Paris (AFP) - Talks resumed.", "Paris (AFP) - "),
        # Not datelines: a name between dashes, a hyphenated word, a place with nothing after it.
        ("Smith - a former judge - said no.", None),
        ("The mayor — who was re-elected — said no.", None),
        ("US-China talks resumed on Monday.", None),
        ("WASHINGTON —", None),
    ],
)
def test_datelines(text, dateline):
    spans = load_furniture().datelines(text).spans()
    assert [text[s:e] for s, e in spans] == ([dateline] if dateline else [])
