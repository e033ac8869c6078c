"""Test-session settings: RadPilot's data folder (prompt log, SQLite) goes to a temporary folder.

The folder is removed when the test session ends, so repeated runs leave nothing behind in the temp directory.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_DATA = tempfile.mkdtemp(prefix="radpilot-test-data-")
os.environ.setdefault("RADPILOT_DATA", _DATA)
atexit.register(shutil.rmtree, _DATA, ignore_errors=True)
