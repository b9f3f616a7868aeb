"""``arbokluis --self-test`` in this process: every check passes, each on one line."""

from __future__ import annotations

from ui import self_test


def test_the_self_test_passes(qapp, capsys):
    assert self_test.run() == 0


def test_the_self_test_names_the_sqlcipher_version(qapp, capsys):
    self_test.run()
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if line.startswith("OK   SQLCipher: SQLCipher 4.")] != []


def test_the_self_test_writes_and_reads_the_medical_section(qapp, capsys):
    self_test.run()
    lines = capsys.readouterr().out.splitlines()
    assert "OK   praktijk: versleutelde proefpraktijk aangemaakt, geopend en gecontroleerd" in lines
