"""House rules from the design guide, checked by reading imports: layers point down."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "gutpain_desktop"
NO_QT = (
    "domain", "storage", "analysis", "exchange", "education", "cli.py", "cli_exchange.py", "cli_safety.py", "paths.py",
    "cli_crypt.py", "keychain.py",
    "demo", "privacy.py", "__main__.py", "logs.py", "autostart.py",
)  # fmt: skip


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(part: str) -> list[Path]:
    target = PACKAGE / part
    if target.is_file():
        return [target]
    return sorted(target.rglob("*.py")) if target.is_dir() else []


#: The PDF summary is drawn with matplotlib's own PDF backend (Figure + PdfPages, no pyplot, no Qt), imported only
#: when a report is drawn. Nothing else below the UI may import matplotlib.
MATPLOTLIB_ALLOWED = {"exchange/report_pdf.py"}


def test_layers_below_the_ui_never_import_qt() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for part in NO_QT
        for path in _files(part)
        for name in _imports(path)
        if name.split(".")[0] in {"PySide6", "shiboken6"}
        or (name.split(".")[0] == "matplotlib" and path.relative_to(PACKAGE).as_posix() not in MATPLOTLIB_ALLOWED)
    ]
    assert offenders == []


def test_the_pdf_report_never_uses_pyplot_or_a_gui_backend() -> None:
    names = _imports(PACKAGE / "exchange" / "report_pdf.py")
    assert "matplotlib.pyplot" not in names
    assert not any("qt" in name.lower() for name in names)


def test_the_ui_never_imports_sqlalchemy_or_orm_models() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _files("ui")
        for name in _imports(path)
        if name.split(".")[0] in {"sqlalchemy", "alembic"}
    ]
    source = "\n".join(p.read_text(encoding="utf-8") for p in _files("ui"))
    assert offenders == []
    assert "storage.models" not in source and "storage.mapping" not in source


def test_the_app_never_imports_network_modules() -> None:
    forbidden = {"socket", "urllib.request", "http.client", "requests", "PySide6.QtNetwork", "PySide6.QtWebEngineCore"}
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _files(".")
        for name in _imports(path)
        if name in forbidden
    ]
    assert offenders == []
