"""Nuxt 2's state as it ships: `window.__NUXT__=(function(a,b,c){return {posts:[{title:a}]}}("x","y",3))`,
a JavaScript object literal (bare keys, repeated values passed as the function's arguments, `void 0`, `!0`)
read back into plain JSON values (`nuxt-function-state`). Only literals: any other expression makes the
whole state unreadable (None), never guessed."""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["function_state"]

_HEAD = re.compile(r"^\s*\(?\s*function\s*\(([\w$,\s]*)\)\s*\{\s*return\s*")
_TOKEN = re.compile(r"""\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|"""
                    r"""([A-Za-z_$][\w$]*)|(!\s*[01])|([{}\[\]:,()]))""", re.S)
_KEYWORDS = {"true": "true", "false": "false", "null": "null", "undefined": "null"}
_MAX = 2_000_000  # characters of state read at most (a page's state, not a data dump)


class _Unreadable(Exception):
    pass


def function_state(text: str) -> Any:
    """The value a `(function(a,b){return {...}}(1,"x"))` expression returns, or None."""
    head = _HEAD.match(text)
    if head is None or len(text) > _MAX:
        return None
    params = [p.strip() for p in head.group(1).split(",") if p.strip()]
    try:
        body, at = _literal(text, head.end())
        at = _expect(text, at, "}")  # the function's body ends
        if (m := _TOKEN.match(text, at)) and m.group(5) == ")":
            at = m.end()  # "(function(){...})(args)" as well as "(function(){...}(args))"
        at = _expect(text, at, "(")
        args_json, _ = _literal(text, at - 1)
        args = json.loads(_fill(args_json, {}))
    except (_Unreadable, ValueError, IndexError):
        return None
    names = dict(zip(params, (json.dumps(a) for a in args), strict=False))
    try:
        return json.loads(_fill(body, names))
    except ValueError:
        return None


def _fill(body: str, names: dict[str, str]) -> str:
    """Parameter names (marked while reading) replaced by their arguments' JSON."""
    return re.sub(r"\x00([\w$]+)\x00", lambda m: names.get(m.group(1), "null"), body)


def _expect(text: str, at: int, punct: str) -> int:
    m = _TOKEN.match(text, at)
    if m is None or m.group(5) != punct:
        raise _Unreadable(punct)
    return m.end()


def _literal(text: str, at: int) -> tuple[str, int]:
    """One object or array literal from `at` (or an argument list in parentheses, read as an array), as JSON
    text with parameter names marked; the position after it."""
    out: list[str] = []
    stack: list[str] = []
    expect_key = False
    pairs = {"{": "}", "[": "]", "(": ")"}
    while True:
        m = _TOKEN.match(text, at)
        if m is None:
            raise _Unreadable(text[at:at + 20])
        at = m.end()
        string, number, name, bang, punct = m.groups()
        if punct:
            if punct in pairs:
                stack.append(pairs[punct])
                out.append("[" if punct == "(" else punct)
                expect_key = punct == "{"
            elif punct in "}])":
                if not stack or stack.pop() != punct:
                    raise _Unreadable(punct)
                if out and out[-1] == ",":
                    out.pop()  # a trailing comma
                out.append("]" if punct == ")" else punct)
                if not stack:
                    return "".join(out), at
                expect_key = False
            elif punct == ",":
                out.append(",")
                expect_key = stack[-1] == "}"
            elif punct == ":":
                out.append(":")
                expect_key = False
            continue
        if expect_key:
            key = name or number or (string and _string(string))
            if key is None:
                raise _Unreadable("key")
            out.append(json.dumps(key if name or number else json.loads(key)))
            continue
        if string:
            out.append(_string(string))
        elif number:
            out.append(json.dumps(float(number)) if "." in number or "e" in number.lower() else str(int(number)))
        elif bang:
            out.append("true" if bang.strip()[-1] == "0" else "false")
        elif name == "void":
            if (zero := _TOKEN.match(text, at)) is None:
                raise _Unreadable("void")
            at = zero.end()  # "void 0"
            out.append("null")
        elif name in _KEYWORDS:
            out.append(_KEYWORDS[name])
        elif name:
            out.append(f"\x00{name}\x00")
        if not stack:
            return "".join(out), at


def _string(token: str) -> str:
    """A JavaScript string token as a JSON string."""
    inner = token[1:-1]
    if token[0] == "'":
        inner = inner.replace('\\"', '"').replace("\\'", "'").replace('"', '\\"')
    inner = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: "\\u00" + m.group(1), inner)
    inner = re.sub(r"\\([^\"\\/bfnrtu])", r"\1", inner)  # "\-" and the like: the character itself
    json.loads(f'"{inner}"')  # raises ValueError when it is not valid
    return f'"{inner}"'
