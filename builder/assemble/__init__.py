"""Stage 4: validated input to the frozen model (anchoring quotes, resolving dates)."""
