"""What is learned from data and shipped as readable files in ``quotes/data``: the confidence
model and PolNeAR's cue and content spans. The training code lives in ``scripts/``."""
