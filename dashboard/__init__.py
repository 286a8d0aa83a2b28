"""Vidkryto: an openness dashboard of a city council (reader side and, in `writer`, the command line)."""
