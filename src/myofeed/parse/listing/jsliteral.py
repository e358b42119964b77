"""JavaScript object literals read as data, never run: the state some frameworks write as code.

Nuxt 2 serializes its state as a function call whose parameters stand for repeated values,
`window.__NUXT__=(function(a,b,c){return {posts:[{author:c,draft:b}]}}(null,false,"Ann"))`, and
SvelteKit hands its load data to `kit.start(app, element, {data: [...]})` in object-literal form.
This reader knows values only: objects (bare, quoted or numeric keys), arrays (holes too), strings
in any of the three quotes (no `${}`), numbers, true/false/null/undefined, `void 0`, `!0`/`!1`,
`new Date("...")`, and names, which become the matching argument of the call (unknown names are
None). Anything else (operators, calls, functions) ends the read with None. Bounded in length,
depth and steps.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["function_state", "js_value", "JsSyntax"]

_MAX_CHARS = 3_000_000
_MAX_DEPTH = 60
_NAME = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_SPACE = re.compile(r"(?:\s+|/\*.*?\*/|//[^\n]*)*", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_CALL_HEAD = re.compile(r"\(?\s*function\s*\(([\w$,\s]*)\)\s*\{\s*return\s*")
_STOPS = {q: re.compile("[\\\\" + q + "]") for q in "\"'`"}  # the string's end or its next escape
_CONSTANTS = {"true": True, "false": False, "null": None, "undefined": None, "NaN": None, "Infinity": None}


class JsSyntax(ValueError):
    """The text is not a value this reader knows."""


class _Param:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class _Reader:
    def __init__(self, text: str, pos: int = 0) -> None:
        self.s = text
        self.i = pos
        self.steps = 0

    def space(self) -> None:
        m = _SPACE.match(self.s, self.i)
        if m:
            self.i = m.end()

    def peek(self) -> str:
        self.space()
        return self.s[self.i : self.i + 1]

    def expect(self, ch: str) -> None:
        if self.peek() != ch:
            raise JsSyntax(f"expected {ch!r} at {self.i}")
        self.i += 1

    def value(self, depth: int = 0) -> Any:
        self.steps += 1
        if depth > _MAX_DEPTH or self.steps > 2_000_000:
            raise JsSyntax("too deep or too long")
        ch = self.peek()
        if ch == "{":
            return self.obj(depth)
        if ch == "[":
            return self.arr(depth)
        if ch in "\"'`":
            return self.string()
        if ch == "!":  # minifiers write true and false as !0 and !1
            self.i += 1
            return not self.value(depth + 1)
        if ch == "-" or ch == "." or ch.isdigit():
            return self.number()
        m = _NAME.match(self.s, self.i)
        if not m:
            raise JsSyntax(f"unexpected {ch!r} at {self.i}")
        name = m.group()
        self.i = m.end()
        if name == "void":
            self.value(depth + 1)
            return None
        if name == "new":  # new Date("2024-03-04T10:00:00Z"), new Date(1709546400000): the argument
            self.space()
            if not (m := _NAME.match(self.s, self.i)):
                raise JsSyntax("new without a name")
            self.i = m.end()
            self.expect("(")
            arg = None if self.peek() == ")" else self.value(depth + 1)
            self.expect(")")
            return arg
        if name in _CONSTANTS:
            return _CONSTANTS[name]
        return _Param(name)

    def obj(self, depth: int) -> dict[str, Any]:
        self.expect("{")
        out: dict[str, Any] = {}
        while True:
            ch = self.peek()
            if ch == "}":
                self.i += 1
                return out
            if ch in "\"'":
                key = self.string()
            elif ch.isdigit():
                key = str(self.number())
            elif m := _NAME.match(self.s, self.i):
                key = m.group()
                self.i = m.end()
            else:
                raise JsSyntax(f"bad key at {self.i}")
            if self.peek() == ":":
                self.i += 1
                out[key] = self.value(depth + 1)
            else:  # shorthand {a, b}: the value of that name
                out[key] = _Param(key)
            if self.peek() == ",":
                self.i += 1
            elif self.peek() != "}":
                raise JsSyntax(f"expected , or }} at {self.i}")

    def arr(self, depth: int) -> list[Any]:
        self.expect("[")
        out: list[Any] = []
        while True:
            ch = self.peek()
            if ch == "]":
                self.i += 1
                return out
            if ch == ",":  # a hole
                self.i += 1
                out.append(None)
                continue
            out.append(self.value(depth + 1))
            if self.peek() == ",":
                self.i += 1
            elif self.peek() != "]":
                raise JsSyntax(f"expected , or ] at {self.i}")

    def string(self) -> str:
        quote = self.s[self.i]
        self.i += 1
        parts: list[str] = []
        s = self.s
        stop = _STOPS[quote]
        while True:
            found = stop.search(s, self.i)
            if found is None:
                raise JsSyntax("unterminated string")
            j = found.start()
            parts.append(s[self.i : j])
            if s[j] == quote:
                self.i = j + 1
                text = "".join(parts)
                if quote == "`" and "${" in text:
                    raise JsSyntax("template with substitutions")
                return text
            esc = s[j + 1 : j + 2]
            self.i = j + 2
            if esc == "u":
                if s[self.i : self.i + 1] == "{":
                    end = s.find("}", self.i)
                    parts.append(chr(int(s[self.i + 1 : end], 16)))
                    self.i = end + 1
                else:
                    parts.append(self._hex(4))
            elif esc == "x":
                parts.append(self._hex(2))
            elif esc == "\n":
                pass  # a line continuation
            else:
                parts.append(_ESCAPES.get(esc, esc))

    def _hex(self, n: int) -> str:
        digits = self.s[self.i : self.i + n]
        try:
            code = int(digits, 16)
        except ValueError:
            raise JsSyntax("bad escape") from None
        self.i += n
        return chr(code)

    def number(self) -> Any:
        m = _NUMBER.match(self.s, self.i)
        if not m:
            raise JsSyntax(f"bad number at {self.i}")
        self.i = m.end()
        text = m.group()
        if "x" in text or "X" in text:
            return int(text, 16)
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        return float(text)


def _bind(node: Any, args: dict[str, Any], depth: int = 0) -> Any:
    if depth > _MAX_DEPTH + 2:
        return None
    if isinstance(node, _Param):
        return args.get(node.name)
    if isinstance(node, dict):
        return {k: _bind(v, args, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [_bind(v, args, depth + 1) for v in node]
    return node


def js_value(text: str, pos: int = 0) -> tuple[Any, int]:
    """The literal value at `pos` and where it ends; names stay unbound (None). Raises JsSyntax."""
    if len(text) > _MAX_CHARS:
        raise JsSyntax("too long")
    r = _Reader(text, pos)
    value = r.value()
    return _bind(value, {}), r.i


def function_state(text: str) -> Any:
    """nuxt-function-state: the value of `(function(a,b,...){return {...}}(x,y,...))` with each
    parameter replaced by its argument, read without running it; None when the text is not of that form."""
    if len(text) > _MAX_CHARS or not (m := _CALL_HEAD.match(text)):
        return None
    params = [p.strip() for p in m.group(1).split(",") if p.strip()]
    r = _Reader(text, m.end())
    try:
        body = r.value()
        r.peek()
        if r.s.startswith("}", r.i):
            r.i += 1
        if r.peek() == ")":  # (function(){...})(args) as well as (function(){...}(args))
            r.i += 1
        r.expect("(")
        args: list[Any] = []
        while r.peek() not in (")", ""):
            args.append(r.value())
            if r.peek() == ",":
                r.i += 1
        r.expect(")")
    except (JsSyntax, ValueError, IndexError, RecursionError):
        return None
    return _bind(body, {p: _bind(a, {}) for p, a in zip(params, args, strict=False)})
