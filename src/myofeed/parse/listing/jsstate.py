"""JSON state that JavaScript frameworks embed in pages, read back into plain JSON values.

Handles `<script type="application/json">` (Next.js `__NEXT_DATA__`, SvelteKit fetched
data, Angular TransferState with its `&q;` escapes), `window.NAME = {...}` assignments
(Redux, Remix, Apollo; Nuxt 2's function-call form and bare-key literals via jsliteral.py),
SvelteKit's `kit.start(..., {data: [...]})`, Nuxt 3's devalue-encoded `__NUXT_DATA__` arrays, and
Apollo's normalized caches whose objects point at each other with `{"__ref": "User:1"}`, and
Astro islands' `props` attributes (each value a `[type, value]` pair).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .dom import Element
from .jsliteral import JsSyntax, function_state, js_value

__all__ = ["script_data", "nested_json", "rsc_chunk", "rsc_values", "astro_props"]

_ASSIGN = re.compile(r"^\s*(?:var\s+|let\s+|const\s+)?(?:window|self|globalThis)?\.?\s*\[?[\"']?([\w$.]+)[\"']?\]?\s*=\s*",
                     re.S)
_ANGULAR = {"&q;": '"', "&s;": "'", "&l;": "<", "&g;": ">", "&a;": "&"}
_DEVALUE_TAGS = {"Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef", "EmptyShallowRef", "NuxtError"}


def script_data(script: Element) -> Any:
    """The JSON value a <script> holds, or None."""
    stype = (script.get("type") or "").lower()
    text = script.text or ""
    if not text.strip() or "ld+json" in stype:
        return None
    data: Any = None
    if "json" in stype:
        if "&q;" in text:
            for k, v in _ANGULAR.items():
                text = text.replace(k, v)
        data = _loads(text)
    elif stype in ("", "text/javascript", "application/javascript", "module"):
        m = _ASSIGN.match(text)
        if m:
            data = _assigned(text[m.end() :])
        elif "__sveltekit_" in text:
            data = _sveltekit_start(text)
    if data is None:
        return None
    return _expand(data)


def _assigned(rest: str) -> Any:
    """The value of `NAME = ...`: JSON, else Nuxt 2's function call (nuxt-function-state), else an object
    literal with bare keys (js-object-literal), each read without running anything."""
    data = _loads(_object_literal(rest))
    if data is not None:
        return data
    head = rest.lstrip()[:12]
    if head.startswith(("(function", "function")):
        return function_state(rest.lstrip())
    if head.startswith(("{", "[")):
        try:
            return js_value(rest)[0]
        except JsSyntax:
            return None
    return None


_SVELTEKIT_DATA = re.compile(r"(?:\bconst\s+data\s*=|\bdata\s*:)\s*(?=\[)")


def _sveltekit_start(text: str) -> Any:
    """sveltekit-start-data: the load data SvelteKit's hydration script hands to `kit.start(...)`, written
    as an object literal (`data: [null, {type: "data", data: {...}}]`, or `const data = [...]` in 2.x)."""
    m = _SVELTEKIT_DATA.search(text)
    if not m:
        return None
    try:
        return js_value(text, m.end())[0]
    except JsSyntax:
        return None


def nested_json(value: str) -> Any:
    """A JSON document inside a JSON string (SvelteKit's fetched responses), or None."""
    v = value.lstrip()
    if len(v) > 40 and v[:1] in "{[":
        parsed = _loads(v)
        return _expand(parsed) if parsed is not None else None
    return None


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _object_literal(text: str) -> str:
    text = text.strip()
    if text.startswith("JSON.parse("):
        inner = _loads(text[len("JSON.parse(") :].rstrip(" ;)\n"))
        return inner if isinstance(inner, str) else ""
    # "{...};\nwindow.other = ..." -> the first statement only
    end = text.find(";\n")
    return (text[:end] if end > 0 else text).rstrip().rstrip(";")


def _expand(data: Any) -> Any:
    if _is_devalue(data):
        return _undevalue(data)
    if isinstance(data, dict):
        return _resolve_refs(data)
    return data


# --- Nuxt 3 devalue: a flat array where containers hold indexes into the array -----------


def _is_devalue(data: Any) -> bool:
    if not isinstance(data, list) or len(data) < 3:
        return False
    head = data[0]
    if isinstance(head, list) and head and head[0] in _DEVALUE_TAGS:
        return True
    dicts = [x for x in data[:8] if isinstance(x, dict)]
    return bool(dicts) and all(all(isinstance(v, int) and not isinstance(v, bool) for v in d.values()) for d in dicts)


def _undevalue(arr: list[Any]) -> Any:
    memo: dict[int, Any] = {}
    budget = [200000]

    def hydrate(i: Any, depth: int = 0) -> Any:
        if not isinstance(i, int) or isinstance(i, bool) or i < 0 or i >= len(arr) or depth > 60:
            return None
        if i in memo:
            return memo[i]
        budget[0] -= 1
        if budget[0] < 0:
            return None
        v = arr[i]
        if isinstance(v, dict):
            out: dict[str, Any] = {}
            memo[i] = out
            for k, idx in v.items():
                out[k] = hydrate(idx, depth + 1)
            return out
        if isinstance(v, list):
            if v and isinstance(v[0], str):
                tag = v[0]
                if tag in _DEVALUE_TAGS:
                    return hydrate(v[1], depth + 1) if len(v) > 1 else None
                if tag == "Date" and len(v) > 1:
                    return v[1]
                if tag in ("Set", "Map", "Object", "BigInt", "RegExp", "null"):
                    return [hydrate(x, depth + 1) for x in v[1:]] if tag == "Set" else None
            items: list[Any] = []
            memo[i] = items
            items.extend(hydrate(x, depth + 1) for x in v)
            return items
        memo[i] = v
        return v

    return hydrate(0)


# --- Apollo normalized cache: {"Post:1": {..., "creator": {"__ref": "User:7"}}, "User:7": {...}} ---


def _resolve_refs(store: dict[str, Any]) -> dict[str, Any]:
    keyed = [k for k, v in store.items() if ":" in k and isinstance(v, dict)]
    if len(keyed) < 2:
        return store

    def deref(v: Any) -> Any:
        if isinstance(v, dict) and isinstance(v.get("__ref"), str) and len(v) == 1:
            target = store.get(v["__ref"])
            return target if isinstance(target, dict) else v
        if isinstance(v, list):
            return [deref(x) for x in v]
        return v

    out = dict(store)
    for k in keyed:
        out[k] = {field: deref(val) for field, val in store[k].items()}
    return out


# --- Next.js App Router: self.__next_f.push([1, "3:{...}\n4:[...]"]) React Server Components payload ---

_RSC_PUSH = re.compile(r"^\s*\(?self\.__next_f\s*=\s*self\.__next_f\s*\|\|\s*\[\]\)?\.push\((.*)\)\s*;?\s*$|"
                       r"^\s*self\.__next_f\.push\((.*)\)\s*;?\s*$", re.S)
_RSC_LINE = re.compile(r"^([0-9a-f]+):(.*)$")


def rsc_chunk(script: Element) -> str | None:
    """The text one `self.__next_f.push([1, "..."])` script adds to the RSC stream, or None."""
    text = script.text or ""
    if "__next_f" not in text:
        return None
    m = _RSC_PUSH.match(text)
    if not m:
        return None
    arg = _loads(m.group(1) or m.group(2) or "")
    if isinstance(arg, list) and len(arg) >= 2 and arg[0] == 1 and isinstance(arg[1], str):
        return arg[1]
    return None


def rsc_values(stream: str) -> list[Any]:
    """The JSON values of an RSC stream: one per 'id:json' line (other line kinds are skipped)."""
    out: list[Any] = []
    for line in stream.split("\n"):
        m = _RSC_LINE.match(line)
        if not m:
            continue
        payload = m.group(2)
        if payload[:1] in ("{", "[") and (value := _loads(payload)) is not None:
            out.append(value)
    return out


# Astro's prop types: 0 a value (objects hold pairs again), 1 an array of pairs, 3 a Date (ISO text), 4 a Map
# and 5 a Set (arrays of pairs), 6 a BigInt and 7 a URL (text); typed arrays and the rest stay as they are
_ASTRO_ARRAYS = (1, 4, 5)


def astro_props(island: Element) -> Any:
    """astro-island-props: the props an `<astro-island>` hands to its component (a client-only list whose
    posts the page shows nowhere else), decoded from Astro's `[type, value]` pairs; None when unreadable."""
    raw = island.get("props")
    if not raw or len(raw) < 20:
        return None
    data = _loads(raw)
    return _unastro(data, 0) if isinstance(data, dict) else None


def _unastro(v: Any, depth: int) -> Any:
    if depth > 40:
        return None
    if isinstance(v, dict):  # the props object itself, and the inside of a type-0 object
        return {k: _unastro_pair(x, depth + 1) for k, x in v.items()}
    return v


def _unastro_pair(pair: Any, depth: int) -> Any:
    if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], int)):
        return pair
    kind, value = pair
    if kind in _ASTRO_ARRAYS and isinstance(value, list):
        return [_unastro_pair(x, depth + 1) for x in value]
    if kind == 0 and isinstance(value, dict):
        return _unastro(value, depth + 1)
    return value
