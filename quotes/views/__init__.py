"""What users read: HTML pages of articles, the corpus report, the table of speakers, and the
output lines they are built from."""
