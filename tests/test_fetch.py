"""fetch: a GitHub-style archive (one top folder) becomes the dataset's folder, safely."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from benchmark.cli import main


def archive(path: Path, members: dict[str, bytes]) -> str:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path.as_uri()


def test_fetch_keeps_the_dataset_files_of_the_archive(tmp_path, capsys):
    url = archive(
        tmp_path / "wcxb.tar.gz",
        {
            "repo-c039d5e/dev/ground-truth/0001.json": b"{}",
            "repo-c039d5e/dev/html/0001.html.gz": b"x",
            "repo-c039d5e/README.md": b"readme",
            "repo-c039d5e/scripts/other.py": b"not kept",
        },
    )
    data = tmp_path / "data"
    assert main(["fetch", "wcxb", "--data", str(data), "--url", url]) == 0
    assert (data / "wcxb" / "dev" / "ground-truth" / "0001.json").is_file()
    assert (data / "wcxb" / "README.md").is_file() and not (data / "wcxb" / "scripts").exists()
    assert "CC-BY-4.0" in capsys.readouterr().out
    # a second fetch refuses to overwrite, unless --force
    assert main(["fetch", "wcxb", "--data", str(data), "--url", url]) == 2
    assert main(["fetch", "wcxb", "--data", str(data), "--url", url, "--force"]) == 0


def test_fetch_refuses_members_that_escape_and_bad_archives(tmp_path, capsys):
    url = archive(tmp_path / "evil.tar.gz", {"repo-x/html/../../../escape.txt": b"no"})
    data = tmp_path / "data"
    assert main(["fetch", "aeb", "--data", str(data), "--url", url]) == 2
    assert not (tmp_path / "escape.txt").exists()
    (tmp_path / "junk.tar.gz").write_bytes(b"not an archive")
    assert (
        main(["fetch", "aeb", "--data", str(data), "--url", (tmp_path / "junk.tar.gz").as_uri()])
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("boilerbench: error:") == 2 and "Traceback" not in err
    assert main(["fetch", "aeb", "--data", str(data), "--url", "file:///no/such/file.tar.gz"]) == 2
