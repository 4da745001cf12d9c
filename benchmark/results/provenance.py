"""Provenance: the machine a run used and what produced each row of its table."""

from __future__ import annotations

import os
import platform
from typing import Any

from benchmark.engines import Engine
from benchmark.results.model import EngineInfo
from benchmark.stored import StoredOutputs


def machine_info() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu
            )
    except OSError:
        pass
    return {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
    }


def engine_info(engine: Engine, code_sha256: str | None = None) -> EngineInfo:
    return EngineInfo(
        name=engine.name,
        kind="live",
        version=engine.version,
        distribution=engine.distribution,
        options={k: engine.options[k] for k in sorted(engine.options)},
        adapter_sha256=engine.adapter_sha256,
        code_sha256=code_sha256,
        description=engine.description,
        output=engine.output,
    )


def stored_info(stored: StoredOutputs) -> EngineInfo:
    return EngineInfo(
        name=stored.name,
        kind="stored",
        version=stored.version,
        description=f"stored outputs from {stored.origin}",
        output=stored.format,
    )
