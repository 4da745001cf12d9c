"""boilerbench plugin: found through the ``boilerbench.engines`` entry point declared in
``pyproject.toml``; imported only by boilerbench, so the package does not depend on it."""

import example_extractor
from benchmark.engines import Engine


def extract(html: str, url: str) -> str:
    """example-extractor: the text of <article>, <main> or <body>, boilerplate tags left out."""
    return example_extractor.extract(html)


ENGINES = [
    Engine(
        name="example-extractor",
        extract=extract,
        distribution="boilerbench-example-extractor",
        module="example_extractor",
    )
]
