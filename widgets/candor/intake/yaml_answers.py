"""Reading a YAML answers file on the command line, under the limits of :mod:`candor.intake.decode`.

PyYAML's safe loader (no tags that build objects), with five checks added while the file is read, before
anything is expanded: at most :data:`~candor.intake.decode.MAX_YAML_ALIASES` aliases, at most
:data:`~candor.intake.decode.MAX_YAML_NODES` values with every alias counted at its full size (a "billion laughs"
file stops at once), nesting at most :data:`~candor.intake.decode.MAX_JSON_DEPTH` deep (aliases included), no key
twice in one mapping (merge keys, ``<<``, included), and no integer of more than
:data:`~candor.intake.decode.MAX_NUMBER_DIGITS` digits, or written longer, in any base. Dates stay text
(``saved_at: 2026-12-03``), as in JSON.
Not part of the browser engine: the engine is stdlib-only, so only the CLI imports this module.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode

from candor.intake.decode import DAMAGED, MAX_JSON_DEPTH, MAX_NUMBER_DIGITS, MAX_YAML_ALIASES, MAX_YAML_NODES, TOO_LONG_NUMBER
from candor.model.answers import AnswersError
from candor.util.schema_check import clip, shorten

_MERGE = "tag:yaml.org,2002:merge"
_PROBLEM_CHARACTERS = 120


def _at(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "somewhere"


def _refuse(mark: Any, what: str, why: str) -> AnswersError:
    return AnswersError(f"This is not a Candor answers file: {what}. Nothing was read from it.", "",
                        detail=f"At {_at(mark)}, {why}.")


_LARGEST = 10**MAX_NUMBER_DIGITS


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0  # lists and mappings open around the value being read
        self._deepest = 0  # the deepest level reached inside the value being read
        self._values = 0  # values read so far, each alias counted at its expanded size
        self._aliases = 0
        self._anchored: dict[str, tuple[int, int]] = {}  # anchor -> (values it expands to, levels it nests)
        self._open: set[str] = set()  # anchors whose value is still being read

    def _count(self, values: int, depth: int, mark: Any) -> None:
        self._values += values
        self._deepest = max(self._deepest, depth)
        if self._values > MAX_YAML_NODES and self._aliases:
            raise _refuse(mark, "once its aliases (*name) are expanded, it holds far more values than one",
                          f"it expands to more than {MAX_YAML_NODES:,} values once its aliases are expanded")
        if self._values > MAX_YAML_NODES:
            raise _refuse(mark, "it holds far more values than one", f"it holds more than {MAX_YAML_NODES:,} values "
                          "(an answers file of the largest check holds under 1,000)")
        if depth > MAX_JSON_DEPTH:
            raise _refuse(mark, "it is built far more deeply than one",
                          f"lists and mappings nest more than {MAX_JSON_DEPTH} levels deep (an answers file nests 3)")

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise _refuse(event.start_mark, "it repeats values (*name) far more often than one",
                              f"it has more than {MAX_YAML_ALIASES} aliases (*name)")
            if event.anchor in self._open:
                raise _refuse(event.start_mark, "it holds a value that contains itself",
                              f"the alias *{clip(event.anchor)} refers to a value that contains it")
            values, levels = self._anchored.get(event.anchor, (1, 0))
            self._count(values, self._depth + levels, event.start_mark)
            return super().compose_node(parent, index)
        outer_deepest, start_depth, start_values = self._deepest, self._depth, self._values
        nests = isinstance(event, SequenceStartEvent | MappingStartEvent)
        self._depth += nests
        self._deepest = self._depth
        self._count(1, self._depth, event.start_mark)
        if event.anchor is not None:
            self._open.add(event.anchor)
        node = super().compose_node(parent, index)
        if event.anchor is not None:
            self._open.discard(event.anchor)
            self._anchored[event.anchor] = (self._values - start_values, self._deepest - start_depth)
        self._depth -= nests
        self._deepest = max(outer_deepest, self._deepest)
        return node

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)  # merge keys (<<) first, so a key they repeat is caught like any other
        first: dict[Any, Any] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node)
            if key in first:
                raise AnswersError(
                    f"The file gives “{clip(str(key))}” twice in the same place, so Candor cannot tell which one to "
                    "use. Keep one of them and try again.", "",
                    detail=f"At {_at(key_node.start_mark)}, the key {shorten(key)} appears twice in the same mapping "
                    f"(first at {_at(first[key])}).",
                )
            first[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def _timestamp_as_text(loader: _BoundedLoader, node: Node) -> str:
    return loader.construct_yaml_str(node)


def _bounded_int(loader: _BoundedLoader, node: ScalarNode) -> int:
    """An integer in any base YAML allows (0x, 0b, 0 octal, base 60), refused past the digits JSON allows."""
    value: int | None = None
    if len(node.value) <= MAX_NUMBER_DIGITS:  # a longer one is refused before it is converted, which could take long
        value = loader.construct_yaml_int(node)
    if value is None or abs(value) >= _LARGEST:
        raise AnswersError(TOO_LONG_NUMBER, "", f"At {_at(node.start_mark)}, a number has more than {MAX_NUMBER_DIGITS:,} digits.")
    return value


_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


TAGGED = (
    "This is not a Candor answers file: it holds a kind of value an answers file never has (an answers file holds "
    "only text, lists and named parts). Nothing was read from it."
)


def _problem(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    """The plain message and the parser's words (the detail) for YAML that cannot be read."""
    problem = exc.problem or exc.context or "it cannot be read"
    if problem.startswith("could not determine a constructor for the tag"):
        tag = problem.removeprefix("could not determine a constructor for the tag").strip()
        return TAGGED, f"the tag {shorten(tag.strip(chr(39)))} is not allowed"
    return DAMAGED, clip(problem, _PROBLEM_CHARACTERS)


def parse_answers_yaml(text: str) -> Any:
    """Parse YAML text (already size-checked and decoded) into data, or raise :class:`AnswersError`."""
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # a SafeLoader subclass: no tags that build objects
    except AnswersError:  # a limit or a duplicate key, refused while reading (also a ValueError)
        raise
    except yaml.MarkedYAMLError as exc:
        message, problem = _problem(exc)
        raise AnswersError(message, "", detail=f"YAML: {problem} at {_at(exc.problem_mark)}.") from None
    except yaml.YAMLError as exc:
        raise AnswersError(DAMAGED, "", detail=f"YAML: {clip(str(exc), _PROBLEM_CHARACTERS)}") from None
    except ValueError:  # a value PyYAML cannot convert
        raise AnswersError(DAMAGED, "") from None
