"""Fuzzers that plan generated hospitals (issue 13: never refuse a plan that exists)."""
