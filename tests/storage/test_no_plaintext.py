"""No plaintext: a marker written into both sections is in no file on disk."""

import os
import tempfile
import uuid
from pathlib import Path

from tests.helpers.practices import ARTS, login_as

# Made at run time, so no source or shell file on the machine holds it.
MARKER = f"MARKER-{uuid.uuid4().hex}-Ünïcødé"


def _files_under(*roots):
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath) / name
                if path.is_file() and not path.is_symlink():
                    yield path


def _needles():
    return [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER[:20].encode()]


def test_marker_in_both_sections_reaches_no_file(practice):
    session = login_as(practice, ARTS, unlock=True)
    with session.db.transaction():
        session.db.execute("INSERT INTO settings VALUES ('marker', ?)", (MARKER,))
    with session.medical().transaction():
        session.medical().execute("INSERT INTO section_info VALUES ('marker', ?)", (MARKER,))
    session.record("read", data="geen marker")
    # While open (WAL files present) and after closing.
    for stage in ("open", "closed"):
        hits = []
        for path in _files_under(practice, tempfile.gettempdir()):
            if "pytest-of" in str(path) and practice not in path.parents and path != practice:
                continue  # other tests' folders
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if any(n in data for n in _needles()):
                hits.append(str(path))
        assert hits == [], f"{stage}: plaintext in {hits}"
        if stage == "open":
            session.close()
    # And the data is really there.
    session = login_as(practice, ARTS, unlock=True)
    assert session.db.scalar("SELECT value FROM settings WHERE key='marker'") == MARKER
    assert session.medical().scalar("SELECT value FROM section_info WHERE key='marker'") == MARKER
    session.close()
