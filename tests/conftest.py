from __future__ import annotations

from pathlib import Path

import pytest

import quotes

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold"
SEEDS = ROOT / "gold" / "texts"


@pytest.fixture(scope="session")
def nlp():
    return quotes.load()


@pytest.fixture(scope="session")
def extract(nlp):
    """Quotes of a text, through the same cached pipeline as every other test."""

    def run(text: str) -> list[quotes.Quote]:
        return nlp(text)._.quotes

    return run


@pytest.fixture(scope="session")
def parse(nlp):
    """A text parsed by the shared pipeline without the quotes component."""

    def run(text: str):
        with nlp.select_pipes(disable=["quotes"]):
            return nlp(text)

    return run


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (SEEDS / "seed-000.txt").read_text(encoding="utf-8")
