"""Reading a YAML data file into a pydantic model, with the file and line of every error.

The rule files (``rules/``) and the NLP data files (``nlp/data/*.yaml``) go
through the same path: the text is parsed once with libyaml, validated with a
pydantic model, and only when something is wrong composed into YAML nodes to
find the line of the offending key. Errors are :class:`~genderscan.errors.RuleError` s
with a message code (``rule_file_invalid`` for rule files, ``data_file_invalid``
for NLP data files), ``path``, ``line`` and ``detail``.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from genderscan.errors import RuleError
from genderscan.i18n import Text

#: libyaml's parser where PyYAML has it (same constructor and resolver as ``yaml.safe_load``, several times faster).
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(yaml.constructor.ConstructorError):
    """A mapping names the same key twice (PyYAML would silently keep the last one)."""

    def __init__(self, key: Any, first_line: int, mark: yaml.Mark) -> None:
        self.text = Text("data_duplicate_key", key=key, line=first_line)
        super().__init__(problem=str(self.text), problem_mark=mark)


def _unique_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue  # "<<: *anchor" merges are flattened by construct_mapping; a key after one overrides it
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise DuplicateKey(key, seen[key], key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)


class _FastLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """libyaml's safe loader that refuses a key named twice in one mapping."""


class _SlowLoader(yaml.SafeLoader):
    """The pure-Python safe loader (for error lines) that refuses a key named twice in one mapping."""


for _loader in (_FastLoader, _SlowLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
_FAST_LOADER = _FastLoader

M = TypeVar("M", bound=BaseModel)


class Source(str):
    """A YAML file's text, composed into nodes (for line numbers) only when an error message needs them."""


def line_of(source: yaml.Node | Source, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the YAML node at ``loc`` (or of its nearest parent)."""
    node: yaml.Node
    if isinstance(source, Source):
        composed = yaml.compose(source)
        if composed is None:
            return 1
        node = composed
    else:
        node = source
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key:
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def read_yaml(path: Path | Traversable, code: str = "rule_file_invalid") -> tuple[Any, yaml.Node | Source]:
    """The mapping in ``path`` and its source (for :func:`line_of`); a :class:`RuleError` ``code`` otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(code, path=str(path), line=1, detail=str(exc)) from None
    try:
        return _checked(yaml.load(text, Loader=_FAST_LOADER), Source(text), path, code)
    except yaml.YAMLError:
        pass  # the pure-Python parser below gives the error message and line, as always
    try:
        node = yaml.compose(text)
        data = yaml.load(text, Loader=_SlowLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        detail = exc.text if isinstance(exc, DuplicateKey) else str(getattr(exc, "problem", exc))
        raise RuleError(code, path=str(path), line=line, detail=detail) from None
    return _checked(data, node, path, code)


def _checked(data: Any, node: yaml.Node | Source | None, path: Path | Traversable, code: str) -> tuple[Any, yaml.Node | Source]:
    if node is None or not isinstance(data, dict):
        raise RuleError(code, path=str(path), line=1, detail=Text("rule_expects_mapping" if code == "rule_file_invalid" else "data_expects_mapping"))
    return data, node


def validation_error(
    path: Path | Traversable | str, node: yaml.Node | Source, exc: ValidationError, prefix: tuple[Any, ...] = (), code: str = "rule_file_invalid"
) -> RuleError:
    """The first pydantic error as a :class:`RuleError` with the line of its field."""
    err = exc.errors()[0]
    loc = prefix + tuple(err["loc"])
    field = ".".join(str(p) for p in loc) or "(bestand)"
    return RuleError(code, path=str(path), line=line_of(node, loc), detail=f"{field}: {err['msg']}")


def load_model(path: Path | Traversable, model: type[M], code: str = "data_file_invalid") -> M:
    """Read ``path`` and validate it as ``model``; errors name the file and the line."""
    data, node = read_yaml(path, code)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, node, exc, code=code) from None
