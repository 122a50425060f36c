"""Render the app icon from resources/icons/gutpain.svg: PNG sizes, a Windows .ico and a macOS .icns.

Uses QtSvg (part of PySide6-Essentials, already a dependency). ``python packaging/make_icons.py [OUT_DIR]``
(default build/icons). The .ico and .icns hold PNG images, which every current Windows and macOS reads.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "gutpain.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: .icns element types holding PNG data, by pixel size (the @2x types reuse the same pictures).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64), (b"ic07", 128),
              (b"ic08", 256), (b"ic13", 256), (b"ic09", 512), (b"ic14", 512), (b"ic10", 1024))  # fmt: skip


def render_pngs(out: Path) -> dict[int, Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"gutpain-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"cannot write {path}")
        written[size] = path
    return written


def write_ico(pngs: dict[int, Path], path: Path) -> None:
    images = [(size, pngs[size].read_bytes()) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    path.write_bytes(header + entries + data)


def write_icns(pngs: dict[int, Path], path: Path) -> None:
    if sys.platform == "darwin" and shutil.which("iconutil"):
        iconset = path.with_suffix(".iconset")
        iconset.mkdir(exist_ok=True)
        for size in (16, 32, 128, 256, 512):
            shutil.copy(pngs[size], iconset / f"icon_{size}x{size}.png")
            shutil.copy(pngs[size * 2], iconset / f"icon_{size}x{size}@2x.png")
        subprocess.run(["iconutil", "-c", "icns", str(iconset), "-o", str(path)], check=True)
        shutil.rmtree(iconset)
        return
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png for kind, png in
                    ((kind, pngs[size].read_bytes()) for kind, size in ICNS_TYPES))  # fmt: skip
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def make_icons(out: Path) -> dict[int, Path]:
    pngs = render_pngs(out)
    write_ico(pngs, out / "gutpain.ico")
    write_icns(pngs, out / "gutpain.icns")
    return pngs


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    make_icons(target)
    print(f"icons written to {target}")
