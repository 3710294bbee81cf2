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
