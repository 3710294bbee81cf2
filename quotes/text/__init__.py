"""Plain-text work, no spaCy: quote marks, markup, chunking, intervals, names' white space and
page furniture. Every layer above may use it."""
