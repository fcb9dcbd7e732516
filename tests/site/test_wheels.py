"""The two engine wheels the build publishes: the browser's holds code only, the CLI's ships the content too."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "widgets"))
from sitebuild.assets import CONTENT_IN_WHEEL, browser_wheel  # noqa: E402


def _record_matches(wheel: Path) -> None:
    """RECORD names every file of the wheel, each with its true hash and size (pip refuses a wheel otherwise)."""
    with zipfile.ZipFile(wheel) as z:
        record = next(n for n in z.namelist() if n.endswith(".dist-info/RECORD"))
        listed = {}
        for line in z.read(record).decode().splitlines():
            name, digest, size = line.rsplit(",", 2)
            listed[name] = (digest, size)
        assert set(listed) == set(z.namelist())
        for name in z.namelist():
            if name == record:
                continue
            data = z.read(name)
            sha = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert listed[name] == (f"sha256={sha}", str(len(data))), name


def test_the_browser_wheel_holds_code_only(site_dir: Path) -> None:
    manifest = json.loads((site_dir / "assets/candor/manifest.json").read_text())
    wheel = site_dir / "assets/candor/wheels" / manifest["wheel"]
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.startswith(CONTENT_IN_WHEEL)]
    assert "candor/bridge.py" in names and "candor/py.typed" in names
    _record_matches(wheel)


def test_both_wheels_hold_exactly_the_engine_modules_of_this_checkout(site_dir: Path) -> None:
    """No module the checkout no longer has (a moved or deleted one left in setuptools' build/ folder) is shipped:
    the browser would run it and the pip-installed CLI would import it."""
    engine = ROOT / "widgets" / "candor"
    modules = {f"candor/{p.relative_to(engine).as_posix()}" for p in engine.rglob("*.py") if "__pycache__" not in p.parts}
    manifest = json.loads((site_dir / "assets/candor/manifest.json").read_text())
    cli = next((site_dir / "assets/candor/cli").glob("candor-*.whl"))
    for wheel in (site_dir / "assets/candor/wheels" / manifest["wheel"], cli):
        shipped = {n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("candor/") and n.endswith(".py")}
        assert shipped == modules, f"{wheel.name}: extra {sorted(shipped - modules)[:5]}, missing {sorted(modules - shipped)[:5]}"


def test_the_pip_installed_cli_validates_and_assesses_with_the_content_it_ships(site_dir: Path, tmp_path: Path) -> None:
    (cli_wheel,) = (site_dir / "assets/candor/cli").glob("candor-*-py3-none-any.whl")
    assert cli_wheel.name == json.loads((site_dir / "assets/candor/manifest.json").read_text())["wheel"]
    _record_matches(cli_wheel)
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(cli_wheel).extractall(installed)  # what pip puts in site-packages
    env = {k: v for k, v in os.environ.items() if k != "CANDOR_CONTENT"} | {"PYTHONPATH": str(installed)}

    def candor(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "candor.cli", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=False)

    where = subprocess.run([sys.executable, "-c", "import candor; print(candor.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(installed))  # the wheel's copy, not this checkout's
    validate = candor("validate")
    assert validate.returncode == 0 and validate.stdout.startswith("content OK"), validate.stderr
    golden = json.loads((ROOT / "tests/golden/prelaunch/ai-voice-calls-without-consent.json").read_text())
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(golden["answers"]))
    assess = candor("assess", str(answers), "--format", "json")
    assert assess.returncode == 0, assess.stderr
    assert json.loads(assess.stdout)["verdict"] == golden["expect"]["verdict"]


def _fake_wheel(path: Path, content: bytes) -> Path:
    files = {"candor/__init__.py": b"x = 1\n", "candor/content/themes.yml": content,
             "candor-0.1.0.dist-info/METADATA": b"Name: candor\n"}
    record = "".join(f"{name},sha256=-,{len(data)}\n" for name, data in files.items())
    path.mkdir(parents=True)
    wheel = path / "candor-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        for name, data in [*files.items(), ("candor-0.1.0.dist-info/RECORD", record.encode())]:
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return wheel


def test_a_content_edit_leaves_the_browser_wheel_and_so_the_snapshot_unchanged(tmp_path: Path) -> None:
    before = browser_wheel(_fake_wheel(tmp_path / "a", b"themes: [old]\n"))
    after = browser_wheel(_fake_wheel(tmp_path / "b", b"themes: [a typo fixed]\n"))
    assert before.read_bytes() == after.read_bytes()
    with zipfile.ZipFile(after) as z:
        assert z.namelist() == ["candor/__init__.py", "candor-0.1.0.dist-info/METADATA", "candor-0.1.0.dist-info/RECORD"]
        assert z.read("candor-0.1.0.dist-info/RECORD").decode().splitlines() == [
            "candor/__init__.py,sha256=-,6", "candor-0.1.0.dist-info/METADATA,sha256=-,13"]
