"""Test-session settings: RadPilot's data folder (prompt log, SQLite) goes to a temporary folder."""

from __future__ import annotations

import os
import tempfile

_DATA = tempfile.mkdtemp(prefix="radpilot-test-data-")
os.environ.setdefault("RADPILOT_DATA", _DATA)
