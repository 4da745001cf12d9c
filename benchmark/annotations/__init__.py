"""Stand-off boilerplate labels for real pages (AEB, WCXB dev), and the tools to make them.

We may never copy a real page's text into the repository, so a label is an XPath into
the page plus a kind, pinned to the page's bytes by their SHA-256; text is recomputed
from the dataset's own files whenever it is needed. Modules, one job each:

- ``pagetext``: the page's text nodes and tokens (the notion ``validate.page_text`` uses);
- ``align``: which page tokens are the dataset's article gold;
- ``store``: the YAML file format (``gold/real/<dataset>/<page>.yaml``);
- ``datasets``: finding the datasets and reading one page;
- ``view``: a page parsed and aligned, the input of every command;
- ``regions``: regions -> per-token labels (innermost wins), article runs, coverage;
- ``apply``: reviewed labels -> ``Gold.segments`` for a loaded corpus;
- ``signals`` / ``prelabel``: the pre-labeller;
- ``review``, ``render``, ``check``, ``agreement``, ``status``: the reviewer commands.

Public surface::

    from benchmark.annotations import annotate_corpus, annotation_version
"""

from benchmark.annotations.apply import ApplyStats, annotate_corpus
from benchmark.annotations.store import annotation_version

__all__ = ["ApplyStats", "annotate_corpus", "annotation_version"]
