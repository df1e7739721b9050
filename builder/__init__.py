"""Annotated-explainer builder.

Stages, one module each, in pipeline order:

    discover.py  find the files in source_texts/ and docs/ (no links, no stray entries)
    load.py      read source texts, sidecars and registries (YAML with positions)
    schema.py    the input format, as pydantic models (the validation edge)
    validate.py  shape and cross-reference checks -> Diagnostics
    anchor.py    quotes -> exact character spans in a text; alias mentions
    dates.py     event dates: precision, time zones, derived dates
    model.py     the frozen, anchored project model every renderer reads
    render.py    model -> Markdown pages, through Jinja2 templates in templates/
    write.py     pages -> a folder, atomically (`python -m builder build`)
    mkdocs_hook.py  the thin MkDocs glue (pages in memory, `mkdocs serve` reload)

pipeline.py runs them in order; cli.py is the command line.
"""

__version__ = "0.1.0"
