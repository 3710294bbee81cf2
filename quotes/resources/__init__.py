"""The one door to ``quotes/data``: the cue lexicon, the word lists of speaker resolution and the
learned tables, each read once per process."""
