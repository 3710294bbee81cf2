"""Scoring the extractor: our YAML gold (``gold.py``) and the PolNeAR corpus (``polnear.py``)."""
