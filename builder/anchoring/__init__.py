"""Stage 3: quotes to exact spans, alias mentions. Pure functions over strings."""
