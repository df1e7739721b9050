"""Stage 1-2: read contributor files (no links, bounded), YAML with positions, the schema, validation rules."""
