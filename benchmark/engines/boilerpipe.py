"""The original Java Boilerpipe (Kohlschütter, Fankhauser and Nejdl, 2010).

``java/boilerpipe/BoilerpipeServer.java`` runs ``ArticleExtractor.INSTANCE.getText(html)``
(the extractor the ``boilerpy3`` row runs in its Python port) over the engine
protocol, one JVM per worker. The library is Debian's ``libboilerpipe-java`` (its
version read from the jar's file name); the class is compiled against it by
``boilerbench setup-engines``, never at run time. JVM settings, which do not change
output: a 16 MB thread stack (deeply nested pages), the serial collector, a 1 GB heap and
small code and class caches, and glibc limited to two malloc arenas, so the JVM starts
under the workers' address-space limit (``--memory-limit``); JVM log lines go to
standard error, never into the protocol.
"""

from __future__ import annotations

import re
import shutil

from benchmark.engines._base import Engine
from benchmark.engines.protocol import ServerCommand
from benchmark.engines.sidecar import BOILERPIPE_JAR, Sidecar

SIDECAR = Sidecar("java/boilerpipe", ("BoilerpipeServer.java",), "javac")
JVM_OPTIONS = (
    "-Xss16m",
    "-XX:+UseSerialGC",
    "-Xmx1g",
    "-XX:ReservedCodeCacheSize=64m",
    "-XX:MaxMetaspaceSize=128m",
    "-XX:CompressedClassSpaceSize=64m",
    "-XX:CICompilerCount=2",
    "-Xlog:all=warning:stderr",
)


def version() -> str | None:
    """The Debian jar's version (``boilerpipe.jar`` -> ``boilerpipe-1.2.0.jar``)."""
    if shutil.which("java") is None or not SIDECAR.installed():
        return None
    match = re.fullmatch(r"boilerpipe-([0-9][\w.\-]*)\.jar", BOILERPIPE_JAR.resolve().name)
    return match.group(1) if match else None


ENGINES = [
    Engine(
        name="boilerpipe",
        extract=ServerCommand(
            (
                "java",
                *JVM_OPTIONS,
                "-cp",
                f"{SIDECAR.home / 'classes'}:{BOILERPIPE_JAR}",
                "BoilerpipeServer",
            ),
            env=(("MALLOC_ARENA_MAX", "2"),),
        ),
        description="Java Boilerpipe ArticleExtractor (Debian libboilerpipe-java), on a JVM",
        options={"extractor": "ArticleExtractor", "jvm": " ".join(JVM_OPTIONS[:3])},
        version_from=version,
        code_paths=lambda: [SIDECAR.home / "classes", BOILERPIPE_JAR.resolve()],
        sidecar=SIDECAR,
    )
]
