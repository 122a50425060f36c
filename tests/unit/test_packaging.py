"""The wheel must carry every package, the migrations and the resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "gutpain_desktop").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert config["package-dir"]["gutpain_desktop.resources"] == "resources"
    assert (ROOT / "resources" / "icons" / "gutpain.svg").is_file()


def test_resources_are_found_from_the_source_checkout() -> None:
    from gutpain_desktop.paths import resource

    assert resource("icons", "gutpain.svg").is_file()
