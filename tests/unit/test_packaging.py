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


# --- the installers (packaging/) ------------------------------------------------------------------------------------


def test_the_shipped_font_and_its_licence_are_in_resources() -> None:
    from gutpain_desktop.paths import resource

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert resource("fonts", name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert "Bitstream Vera" in resource("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_the_spec_bundles_resources_and_every_migration_file() -> None:
    spec = (ROOT / "packaging" / "gutpain.spec").read_text(encoding="utf-8")
    for needed in (
        '"resources"',
        '"env.py"',
        '"script.py.mako"',
        '"versions" / "*.py"',
        "gutpain_desktop.storage.models",
        '"matplotlib.backends.backend_svg"',  # "Save image…" as SVG: savefig imports it by name only
    ):
        assert needed in spec
    assert "strip=True" not in spec and "upx=True" not in spec
    excluded = spec.split("excludes = [", 1)[1].split("]", 1)[0]
    for kept in ('"unittest"', '"mako"', '"alembic"', '"pyparsing"'):
        assert kept not in excluded  # matplotlib needs unittest through pyparsing; alembic needs mako
    for left_out in ('"tkinter"', '"PySide6.QtNetwork"', '"PySide6.QtQml"', '"PySide6.QtQuick"'):
        assert left_out in excluded


def test_the_desktop_file_metainfo_and_windows_installer_agree() -> None:
    from gutpain_desktop import APP_ID

    linux = ROOT / "packaging" / "linux"
    desktop_id = "io.github.gutpain.GutPainDesktop"
    desktop = (linux / f"{desktop_id}.desktop").read_text(encoding="utf-8")
    assert f"Icon={desktop_id}" in desktop and f"Exec={APP_ID}" in desktop
    metainfo = (linux / f"{desktop_id}.metainfo.xml").read_text(encoding="utf-8")
    assert f"<id>{desktop_id}</id>" in metainfo and f"{desktop_id}.desktop</launchable>" in metainfo
    iss = (ROOT / "packaging" / "windows" / "gutpain.iss").read_text(encoding="utf-8")
    assert f"{{app}}\\{APP_ID}.exe" in iss and "{uninstallexe}" in iss and "{group}" in iss


def test_icons_are_generated_from_the_svg(tmp_path: Path) -> None:
    import struct
    import sys

    from PySide6.QtGui import QImage

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from make_icons import ICO_SIZES, make_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))

    pngs = make_icons(tmp_path)

    big = QImage(str(pngs[256]))
    assert (big.width(), big.height()) == (256, 256)
    assert big.pixelColor(128, 128).alpha() > 0 and big.pixelColor(0, 0).alpha() == 0  # drawn, with a clear corner
    ico = (tmp_path / "gutpain.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, len(ICO_SIZES))
    icns = (tmp_path / "gutpain.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
