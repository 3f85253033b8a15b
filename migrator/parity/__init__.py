"""Parity harness: replay recorded prompts against the old and the new model, compare, report, gate."""
