"""Stage 5: the model to Markdown pages through templates/ (escaping by default)."""
