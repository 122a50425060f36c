"""Build the GutPain Desktop installer for this operating system with one command.

    python packaging/build.py              # icons, PyInstaller bundle, then the installer of this OS
    python packaging/build.py --self-test  # ... and run the frozen app's self-test

Linux: ``dist/gutpain-desktop/`` (onedir, debug sections stripped) and
``dist/gutpain-desktop-VERSION-linux-ARCH.tar.gz`` with a .desktop file, icons, AppStream metainfo and ``install.sh``.
Windows: the onedir and, when Inno Setup's ``iscc`` is installed, ``dist/gutpain-desktop-VERSION-windows-setup.exe``.
macOS: ``dist/GutPain Desktop.app`` and ``dist/gutpain-desktop-VERSION-macos-ARCH.dmg`` (hdiutil).
Needs the ``package`` extra: ``pip install -e ".[package]"``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from make_icons import make_icons  # noqa: E402

from gutpain_desktop import APP_ID, APP_NAME, __version__  # noqa: E402

DIST = ROOT / "dist"
BUILD = ROOT / "build"
ICONS = BUILD / "icons"
DESKTOP_ID = "io.github.gutpain.GutPainDesktop"
ARCH = platform.machine().lower().replace("amd64", "x86_64")


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def run_pyinstaller() -> None:
    say(f"PyInstaller {APP_NAME} {__version__} ({sys.platform}, {ARCH})")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(HERE / "gutpain.spec")],
        check=True,
    )  # fmt: skip


def frozen_executable() -> Path:
    if sys.platform == "win32":
        return DIST / APP_ID / f"{APP_ID}-cli.exe"  # the console twin: the windowed .exe has no stdout
    if sys.platform == "darwin":
        return DIST / f"{APP_NAME}.app" / "Contents" / "MacOS" / APP_ID
    return DIST / APP_ID / APP_ID


def check_linux_libraries(bundle: Path) -> None:
    """Every shared library a bundled one asks for is in the bundle or is one the system always provides."""
    if not shutil.which("readelf"):
        say("readelf not found (binutils): skipped the check of shared-library dependencies")
        return
    present = {p.name for p in bundle.rglob("*.so*")}
    wanted: dict[str, str] = {}
    for lib in bundle.rglob("*.so*"):
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if "(NEEDED)" in line:
                wanted.setdefault(line.split("[", 1)[1].rstrip("]"), lib.name)
    system = ("libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "ld-linux", "libGL.so", "libEGL.so",
              "libwayland-", "libxcb", "libX11", "libdrm", "libgbm", "libutil.so")  # fmt: skip
    missing = {name: user for name, user in wanted.items() if name not in present and not name.startswith(system)}
    if missing:
        raise SystemExit(f"bundled libraries need ones left out of the bundle: {missing}")
    say("shared libraries: every dependency is bundled or provided by the system")


def strip_debug_info(bundle: Path) -> None:
    """Remove DWARF debug sections (only those: symbols stay) from the bundled ELF files that carry them.

    libpython, sqlcipher3, kiwisolver, fontTools, SQLAlchemy and CPython's modules ship with debug information that a
    person never uses. PyInstaller's own strip=True strips everything, which broke numpy's patched libraries here;
    files without debug sections (numpy's among them) are not touched. The self-test runs on the result.
    """
    if not (shutil.which("strip") and shutil.which("readelf")):
        say("strip/readelf not found (binutils): debug information left in")
        return
    before = folder_size(bundle)
    for lib in sorted(bundle.rglob("*.so*")):
        if lib.is_symlink() or not lib.is_file():
            continue
        sections = subprocess.run(["readelf", "-S", "-W", str(lib)], capture_output=True, text=True).stdout
        if ".debug_info" in sections:
            subprocess.run(["strip", "--strip-debug", str(lib)], check=True)
    say(f"debug information stripped: {megabytes(before - folder_size(bundle))} less")


def linux_tarball() -> Path:
    bundle = DIST / APP_ID
    strip_debug_info(bundle)
    check_linux_libraries(bundle)
    top = f"{APP_ID}-{__version__}"
    out = DIST / f"{top}-linux-{ARCH}.tar.gz"
    staging = BUILD / "linux-share"
    shutil.rmtree(staging, ignore_errors=True)
    apps, meta = staging / "applications", staging / "metainfo"
    apps.mkdir(parents=True)
    meta.mkdir(parents=True)
    shutil.copy(HERE / "linux" / f"{DESKTOP_ID}.desktop", apps)
    today = datetime.date.today().isoformat()
    text = (HERE / "linux" / f"{DESKTOP_ID}.metainfo.xml").read_text(encoding="utf-8")
    (meta / f"{DESKTOP_ID}.metainfo.xml").write_text(
        text.replace("@VERSION@", __version__).replace("@DATE@", today), encoding="utf-8"
    )
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        target = staging / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy(ICONS / f"gutpain-{size}.png", target / f"{DESKTOP_ID}.png")
    scalable = staging / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "gutpain.svg", scalable / f"{DESKTOP_ID}.svg")

    def executable(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    say(f"writing {out.name}")
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        tar.add(bundle, arcname=top, filter=executable)
        tar.add(staging, arcname=f"{top}/share", filter=executable)
        tar.add(HERE / "linux" / "install.sh", arcname=f"{top}/install.sh", filter=executable)
    return out


def windows_installer() -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    for guess in (r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe", r"C:\Program Files\Inno Setup 6\ISCC.exe"):
        if not iscc and Path(guess).is_file():
            iscc = guess
    if not iscc:
        say("Inno Setup (iscc) not found: the onedir folder is built, the setup .exe is not")
        return None
    subprocess.run(
        [iscc, f"/DAppVersion={__version__}", f"/DSourceDir={DIST / APP_ID}", f"/DOutputDir={DIST}",
         f"/DIconFile={ICONS / 'gutpain.ico'}", str(HERE / "windows" / "gutpain.iss")],
        check=True,
    )  # fmt: skip
    return DIST / f"{APP_ID}-{__version__}-windows-setup.exe"


def macos_dmg() -> Path:
    app = DIST / f"{APP_NAME}.app"
    out = DIST / f"{APP_ID}-{__version__}-macos-{ARCH}.dmg"
    staging = BUILD / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    subprocess.run(["ditto", str(app), str(staging / app.name)], check=True)  # keeps symlinks and signatures
    os.symlink("/Applications", staging / "Applications")  # drag the app onto this to install it
    out.unlink(missing_ok=True)
    subprocess.run(
        ["hdiutil", "create", "-volname", APP_NAME, "-srcfolder", str(staging), "-ov", "-format", "UDZO", str(out)],
        check=True,
    )
    return out


def self_test() -> None:
    exe = frozen_executable()
    say(f"self-test: {exe}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    screenshot = DIST / "self-test.png"
    done = subprocess.run([str(exe), "--self-test", "--screenshot", str(screenshot)], env=env, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"the frozen self-test failed (exit {done.returncode})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--self-test", action="store_true", help="run the frozen app's self-test after the build")
    parser.add_argument("--no-installer", action="store_true", help="stop after the PyInstaller bundle")
    args = parser.parse_args(argv)
    started = time.monotonic()
    make_icons(ICONS)
    say(f"icons in {ICONS}")
    run_pyinstaller()
    built = time.monotonic() - started
    bundle = DIST / (f"{APP_NAME}.app" if sys.platform == "darwin" else APP_ID)
    say(f"bundle: {bundle} ({megabytes(folder_size(bundle))}) in {built:.0f} s")
    installer: Path | None = None
    if not args.no_installer:
        if sys.platform.startswith("linux"):
            installer = linux_tarball()
        elif sys.platform == "win32":
            installer = windows_installer()
        elif sys.platform == "darwin":
            installer = macos_dmg()
    if installer is not None:
        say(f"installer: {installer} ({megabytes(installer.stat().st_size)})")
    if args.self_test:
        self_test()
    say(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
