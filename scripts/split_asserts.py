"""Split ``assert a and b`` in the tests into one assert per fact (issue 14), so a failure names
the half that failed.

    python scripts/split_asserts.py [--check] [PATH ...]     (default: tests/, without tests/attacks/)

``assert a and b, msg`` becomes ``assert a, msg`` and ``assert b, msg``: the same check, as an
``and`` evaluates ``b`` only when ``a`` held and the first failing assert stops the test. Nested
``and`` chains are split too; ``or`` and ``not (a and b)`` are left as they are. A statement is
left alone (and reported) when a comment sits inside it or another statement shares its lines;
a trailing comment goes with the first fact.
``--check`` only counts and exits 1 when there is anything to split.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = (ROOT / "tests" / "attacks",)


def _facts(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return [f for v in node.values for f in _facts(v)]
    return [node]


def _comments(source: str) -> dict[int, str]:
    return {tok.start[0]: tok.string for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.COMMENT}


def _segment(source: str, node: ast.expr) -> str:
    text = ast.get_source_segment(source, node, padded=False)
    if text is None:
        raise ValueError("no source segment")
    return f"({text})" if "\n" in text else text


def compound_asserts(tree: ast.AST) -> list[ast.Assert]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Assert)
            and isinstance(n.test, ast.BoolOp) and isinstance(n.test.op, ast.And)]


def split(source: str) -> tuple[str, int, list[int]]:
    """The source with its compound asserts split; how many were split; the lines left alone."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    comments = _comments(source)
    done, left = 0, []
    for node in sorted(compound_asserts(tree), key=lambda n: n.lineno, reverse=True):
        first, last = node.lineno, node.end_lineno or node.lineno
        head, tail = lines[first - 1], lines[last - 1]
        after = tail[node.end_col_offset:].strip()
        trailing = comments.get(last, "") if after.startswith("#") else ""
        inside = [c for c in comments if first <= c <= last and not (c == last and trailing)]
        if head[:node.col_offset].strip() or (after and not trailing) or inside:
            left.append(first)
            continue
        indent = head[:node.col_offset]
        msg = f", {_segment(source, node.msg)}" if node.msg is not None else ""
        new = [f"{indent}assert {_segment(source, fact)}{msg}\n" for fact in _facts(node.test)]
        if trailing:  # a trailing comment stays with the first fact, the line it explained
            new[0] = new[0][:-1] + "  " + trailing + "\n"
        lines[first - 1:last] = new
        done += 1
    out = "".join(lines)
    ast.parse(out)  # still Python
    return out, done, sorted(left)


def files(paths: list[str]) -> list[Path]:
    roots = [Path(p) for p in paths] or [ROOT / "tests"]
    out = []
    for root in roots:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            if not any(s in path.resolve().parents for s in SKIP):
                out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    total = split_total = 0
    for path in files(args.paths):
        source = path.read_text(encoding="utf-8")
        found = len(compound_asserts(ast.parse(source)))
        if not found:
            continue
        total += found
        new, done, left = split(source)
        split_total += done
        for line in left:
            print(f"{path}:{line}: left alone (a comment inside, or a shared line)")
        if not args.check and done:
            path.write_text(new, encoding="utf-8")
    print(f"compound asserts: {total}; {'to split' if args.check else 'split'}: {split_total}")
    return 1 if args.check and total else 0


if __name__ == "__main__":
    sys.exit(main())
