"""A small JSON Schema validator (the subset Candor's schemas use), so the engine stays stdlib-only.

Supported keywords: type, enum, const, pattern, minLength, maxLength, minimum, maximum, minItems,
maxItems, uniqueItems, items, properties, required, additionalProperties (bool or schema),
patternProperties, propertyNames, $ref (local ``#/$defs/...``), anyOf, oneOf, allOf.
Unsupported keywords raise at validation time, so a schema cannot silently claim more than is checked.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
}
_ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs", "default", "examples", "$comment"}
_KNOWN = _ANNOTATIONS | {
    "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems",
    "maxItems", "uniqueItems", "items", "properties", "required", "additionalProperties",
    "patternProperties", "propertyNames", "$ref", "anyOf", "oneOf", "allOf",
}


@dataclass(frozen=True)
class Problem:
    """One way an instance fails its schema: where (a JSON path such as ``answers.TR-01``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(top level)'}: {self.message}"


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


SHOWN_CHARACTERS = 60  # how much of a value a message quotes
_brief = reprlib.Repr()  # keyword arguments need Python 3.12
_brief.maxlevel, _brief.maxlist, _brief.maxtuple, _brief.maxdict, _brief.maxset = 2, 4, 4, 4, 4
_brief.maxstring = _brief.maxother = _brief.maxlong = SHOWN_CHARACTERS


def clip(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """Plain text cut to ``limit`` characters, with "..." where it was cut."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shorten(value: Any, limit: int = SHOWN_CHARACTERS) -> str:
    """``repr(value)`` cut to about ``limit`` characters, without ever building the repr of a huge value."""
    return clip(_brief.repr(value), limit)


_describe = shorten


class _Validator:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root

    def resolve(self, ref: str) -> Mapping[str, Any]:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, not {ref!r}")
        node: Mapping[str, Any] = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def check(self, value: Any, schema: Mapping[str, Any], path: str) -> list[Problem]:
        unknown = set(schema) - _KNOWN
        if unknown:
            raise ValueError(f"unsupported schema keywords: {sorted(unknown)}")
        if "$ref" in schema:
            return self.check(value, self.resolve(schema["$ref"]), path)
        problems: list[Problem] = []
        if "type" in schema:
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(value, n) for n in names):
                return [Problem(path, f"expected {' or '.join(names)}, got {_describe(value)}")]
        if "const" in schema and value != schema["const"]:
            problems.append(Problem(path, f"must be {schema['const']!r}, got {_describe(value)}"))
        if "enum" in schema and value not in schema["enum"]:
            choices = ", ".join(repr(c) for c in schema["enum"])
            problems.append(Problem(path, f"{_describe(value)} is not one of: {choices}"))
        if isinstance(value, str):
            problems += self._string(value, schema, path)
        if _is_type(value, "number"):
            if "minimum" in schema and value < schema["minimum"]:
                problems.append(Problem(path, f"must be at least {schema['minimum']}, got {_describe(value)}"))
            if "maximum" in schema and value > schema["maximum"]:
                problems.append(Problem(path, f"must be at most {schema['maximum']}, got {_describe(value)}"))
        if isinstance(value, list):
            problems += self._array(value, schema, path)
        if isinstance(value, dict):
            problems += self._object(value, schema, path)
        problems += self._combinators(value, schema, path)
        return problems

    def _string(self, value: str, schema: Mapping[str, Any], path: str) -> list[Problem]:
        problems = []
        if "minLength" in schema and len(value) < schema["minLength"]:
            problems.append(Problem(path, f"must have at least {schema['minLength']} characters"))
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            problems.append(Problem(path, f"must have at most {schema['maxLength']} characters"))
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(Problem(path, f"{_describe(value)} does not match {schema['pattern']}"))
        return problems

    def _array(self, value: list[Any], schema: Mapping[str, Any], path: str) -> list[Problem]:
        problems = []
        if "minItems" in schema and len(value) < schema["minItems"]:
            problems.append(Problem(path, f"must have at least {schema['minItems']} item(s)"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            problems.append(Problem(path, f"must have at most {schema['maxItems']} item(s)"))
        if schema.get("uniqueItems"):
            seen: list[Any] = []
            for item in value:
                if item in seen:
                    problems.append(Problem(path, f"{_describe(item)} appears more than once"))
                seen.append(item)
        if "items" in schema:
            for i, item in enumerate(value):
                problems += self.check(item, schema["items"], _join(path, i))
        return problems

    def _object(self, value: dict[str, Any], schema: Mapping[str, Any], path: str) -> list[Problem]:
        problems = [
            Problem(_join(path, key), "is required but missing")
            for key in schema.get("required", [])
            if key not in value
        ]
        props: Mapping[str, Any] = schema.get("properties", {})
        patterns: Mapping[str, Any] = schema.get("patternProperties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(Problem(path, f"key {_describe(key)} is not a string"))
                continue
            if "propertyNames" in schema:
                problems += self.check(key, schema["propertyNames"], _join(path, key))
            matched = False
            if key in props:
                matched = True
                problems += self.check(item, props[key], _join(path, key))
            for pattern, sub in patterns.items():
                if re.search(pattern, key):
                    matched = True
                    problems += self.check(item, sub, _join(path, key))
            if not matched:
                if extra is False:
                    known = ", ".join(sorted(props)) or "none"
                    problems.append(Problem(_join(path, key), f"is not allowed here (allowed: {known})"))
                elif isinstance(extra, Mapping):
                    problems += self.check(item, extra, _join(path, key))
        return problems

    def _combinators(self, value: Any, schema: Mapping[str, Any], path: str) -> list[Problem]:
        problems: list[Problem] = []
        for sub in schema.get("allOf", []):
            problems += self.check(value, sub, path)
        if "anyOf" in schema:
            results = [self.check(value, sub, path) for sub in schema["anyOf"]]
            if all(results):
                problems += _fewest(results)
        if "oneOf" in schema:
            results = [self.check(value, sub, path) for sub in schema["oneOf"]]
            passing = sum(1 for r in results if not r)
            if passing == 0:
                problems += _fewest(results)
            elif passing > 1:
                problems.append(Problem(path, "matches more than one allowed form"))
        return problems


def _fewest(results: list[list[Problem]]) -> list[Problem]:
    """The alternative that came closest: the one with the fewest problems."""
    return min(results, key=len)


def validate(instance: Any, schema: Mapping[str, Any]) -> list[Problem]:
    """Return every problem of ``instance`` against ``schema`` (an empty list when it is valid)."""
    return _Validator(schema).check(instance, schema, "")


def first_problems(problems: Sequence[Problem], limit: int = 5) -> str:
    """Format up to ``limit`` problems as one readable message."""
    shown = "; ".join(str(p) for p in problems[:limit])
    more = len(problems) - limit
    return shown + (f"; and {more} more" if more > 0 else "")
