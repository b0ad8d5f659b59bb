"""Tests of the public-service rules: each starts from WELL_MADE, a flow every rule accepts."""
