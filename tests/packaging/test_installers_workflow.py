"""The installers workflow (.github/workflows/installers.yml): well-formed, run on tags and by
hand, one job per platform's own runner, each uploading what it built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"


def test_the_installer_scripts_the_workflow_calls_are_in_the_repository():
    # The spec, make dist and ci-bundle.sh come from the bundle's own change; these are the
    # installers' (Windows and macOS) files the workflow names.
    named = set(re.findall(r"packaging[/\\](?:windows|macos)[/\\][\w.-]+", WORKFLOW.read_text()))
    assert named >= {r"packaging\windows\msp-desk.nsi", "packaging/macos/build-dmg.sh"}
    for path in named:
        assert (ROOT / path.replace("\\", "/")).is_file(), path


@pytest.fixture(scope="module")
def workflow() -> dict:
    yaml = pytest.importorskip("yaml", reason="PyYAML not installed: the workflow's YAML is not parsed")
    return yaml.safe_load(WORKFLOW.read_text())


def steps_text(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("with", "")) for step in job["steps"])


def test_it_runs_on_version_tags_and_by_hand(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert triggers == {"push": {"tags": ["v*"]}, "workflow_dispatch": None}


def test_each_platform_builds_on_its_own_runner(workflow):
    runners = {name: job["runs-on"] for name, job in workflow["jobs"].items()}
    assert runners == {"windows": "windows-latest", "macos": "macos-latest", "linux": "ubuntu-latest"}
    for job in workflow["jobs"].values():
        assert any(step.get("with", {}).get("python-version") == "3.11" for step in job["steps"])


def test_each_build_is_smoke_tested_and_uploaded(workflow):
    jobs = workflow["jobs"]
    windows, macos, linux = steps_text(jobs["windows"]), steps_text(jobs["macos"]), steps_text(jobs["linux"])
    assert '"--smoke"' in windows and "/WX" in windows and "uninstall.exe" in windows
    assert '"dist/MSP Desk.app/Contents/MacOS/msp-desk" --smoke' in macos and "build-dmg.sh" in macos
    assert "make dist" in linux and "packaging/ci-bundle.sh" in linux
    uploads = {
        name: step["with"]["path"]
        for name, job in jobs.items()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads["windows"] == "dist/MSP-Desk-*-setup.exe"
    assert uploads["macos"] == "dist/MSP-Desk-*.dmg"
    assert "dist/*.deb" in uploads["linux"]
