"""Effective settings for a checked file: config file < environment < flags.

Where settings come from, lowest precedence first:

1. built-in defaults;
2. a configuration file, found by walking up from the checked file's folder:
   in each folder ``genderscan.toml`` (the whole file is the configuration)
   and then ``pyproject.toml`` with a ``[tool.genderscan]`` table; the first
   one found wins (no merging of several files). ``--config FILE`` or
   ``GENDERSCAN_CONFIG`` names the file instead;
3. environment variables ``GENDERSCAN_<KEY>`` (upper case, ``-`` -> ``_``);
   an empty value counts as not set (so a CI template can pass empty inputs);
4. command-line flags.

Every resolved value remembers where it came from (``genderscan config``
shows it). Paths in a configuration file (``rules``, ``baseline``) are
relative to that file's folder; paths from the environment or flags are
relative to the working directory.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from genderscan.config import Config, parse_bool
from genderscan.errors import GenderscanError
from genderscan.limits import Limits, env_name, environment_values, parse_limit
from genderscan.limits import SETTINGS as LIMIT_SETTINGS

#: Files ``check`` (and so the pre-commit hook and the Action) never checks: they are not policy documents.
ALWAYS_EXCLUDED = ("README*", "CHANGELOG*", "LICENSE*", "LICENCE*", "CONTRIBUTING*")
#: What ``check`` looks at by default: documents by extension ...
DEFAULT_INCLUDE = ["*.pdf", "*.docx", "*.md", "*.markdown", "*.txt"]
#: ... minus other repository files that are no policy documents (configurable with ``exclude``).
DEFAULT_EXCLUDE = [
    "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "NOTICE*", "HISTORY*", "CHANGES*", "CITATION*", "SUPPORT*",
    ".github/**", "node_modules/**", ".venv/**", "venv/**",
]  # fmt: skip
#: The thresholds ``check`` applies when none is set anywhere: the two items of a gender-sensitive problem
#: analysis (CRM checklist, action point 1). ``default-require = []`` switches the default policy off.
DEFAULT_REQUIRE = ["A1", "A2"]

CONFIG_NAME = "genderscan.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_SOURCE = "default"


class Thresholds(BaseModel):
    """What ``genderscan check`` demands of a document."""

    min_score: float | None = Field(default=None, ge=0, le=100, description="Fail when the score is below this.")
    require: dict[str, int] = Field(default_factory=dict, description="Item ID -> minimum level (1 genoemd, 2 uitgewerkt).")
    fail_on_pitfall: bool = Field(default=False, description="Fail when a pitfall fires.")


@dataclass
class Settings:
    """The resolved configuration for one file, with the source of every value."""

    config: Config
    thresholds: Thresholds
    format: str = "text"
    baseline: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    config_file: Path | None = None
    default_policy: bool = False
    base: Path | None = None

    def selects(self, path: Path) -> bool:
        """Whether ``check`` looks at ``path``: it matches ``include``, not ``exclude`` and is no README & co."""
        return selects(path, self.values.get("include") or [], self.values.get("exclude") or [], self.base or Path.cwd())


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """``*`` within a folder, ``**`` across folders, ``?`` one character; case-insensitive."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.I)


def glob_match(rel: str, pattern: str) -> bool:
    """A pattern without ``/`` matches the file name (at any depth); one with ``/`` the path from the base."""
    pattern = pattern.strip().removeprefix("./")  # a prefix, not characters: "./.github/**" keeps ".github"
    if "/" not in pattern:
        return bool(_glob_regex(pattern).match(rel.rsplit("/", 1)[-1]))
    return bool(_glob_regex(pattern.lstrip("/")).match(rel))


def selects(path: Path, include: list[str], exclude: list[str], base: Path) -> bool:
    try:
        rel = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    if any(glob_match(rel, p) for p in ALWAYS_EXCLUDED):
        return False
    return any(glob_match(rel, p) for p in include) and not any(glob_match(rel, p) for p in exclude)


# --- value parsers: (value, base folder for paths) -> normalised value ---------------------


def _as_bool(value: Any, _: Path) -> bool:
    return parse_bool(value)


def _as_limit(value: Any, _: Path) -> int:
    return parse_limit(value)


def _as_str(value: Any, _: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("verwacht een tekst")
    return value.strip()


def _as_list(value: Any, _: Path) -> list[str]:
    """A TOML list, or a comma/space separated string (environment, flags)."""
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        out: list[str] = []
        for v in value:
            out.extend(_as_list(v, _))
        return out
    raise ValueError("verwacht een lijst met teksten")


def _as_paths(value: Any, base: Path) -> list[str]:
    if isinstance(value, str):
        items = [v for v in value.split(os.pathsep) if v]
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        raise ValueError("verwacht een lijst met mappen")
    return [str((base / v).resolve()) if not Path(v).is_absolute() else v for v in items]


def _as_path(value: Any, base: Path) -> str:
    text = _as_str(value, base)
    return str(base / text) if not Path(text).is_absolute() else text


def _as_score(value: Any, _: Path) -> float:
    try:
        score = float(value)
    except (TypeError, ValueError):
        raise ValueError("verwacht een getal van 0 tot 100") from None
    if isinstance(value, bool) or not 0 <= score <= 100:
        raise ValueError("verwacht een getal van 0 tot 100")
    return score


def _as_weights(value: Any, _: Path) -> dict[str, float]:
    if isinstance(value, str):  # GENDERSCAN_WEIGHTS="sekse-data=3,bescherming=1"
        pairs = {}
        for part in _as_list(value, _):
            key, sep, number = part.partition("=")
            if not sep:
                raise ValueError("verwacht item=gewicht")
            pairs[key] = number
        value = pairs
    if not isinstance(value, Mapping):
        raise ValueError("verwacht een tabel item = gewicht")
    try:
        weights = {str(k): float(v) for k, v in value.items()}
    except (TypeError, ValueError):
        raise ValueError("een gewicht is een getal") from None
    if any(isinstance(v, bool) for v in value.values()):
        raise ValueError("een gewicht is een getal")
    if not all(0 <= w <= MAX_WEIGHT for w in weights.values()):  # also NaN and inf
        raise ValueError(f"een gewicht is een getal van 0 tot {MAX_WEIGHT}")
    return weights


#: The largest item weight (a larger one would let the score overflow).
MAX_WEIGHT = 1000


#: key -> (parser, default). Keys are written with '-' in files; '_' is accepted too.
KEYS: dict[str, tuple[Callable[[Any, Path], Any], Any]] = {
    "lang": (_as_str, "nl"),
    "model": (_as_str, None),
    "rules": (_as_paths, []),
    "disabled-rules": (_as_list, []),
    "weights": (_as_weights, {}),
    "format": (_as_str, "text"),
    "min-score": (_as_score, None),
    "require": (_as_list, []),
    "fail-on-pitfall": (_as_bool, False),
    "baseline": (_as_path, None),
    "inline-suppressions": (_as_bool, True),
    "include": (_as_list, DEFAULT_INCLUDE),
    "exclude": (_as_list, DEFAULT_EXCLUDE),
    "default-require": (_as_list, DEFAULT_REQUIRE),
    "semantic": (_as_bool, True),
    **{key: (_as_limit, Limits.model_fields[key.replace("-", "_")].default) for key in LIMIT_SETTINGS},
}

#: The TOML type a value of a parser must have in a configuration file (a quoted "yes" is not a boolean) ...
_FILE_TYPE_OF: dict[Callable[[Any, Path], Any], tuple[type, str]] = {
    _as_bool: (bool, "verwacht true of false (zonder aanhalingstekens)"),
    _as_limit: (int, "verwacht een geheel getal groter dan 0 (zonder aanhalingstekens)"),
}
#: ... per key of :data:`KEYS` (the environment and flags may give those as text).
FILE_TYPES: dict[str, tuple[type, str]] = {key: _FILE_TYPE_OF[parser] for key, (parser, _) in KEYS.items() if parser in _FILE_TYPE_OF}
#: The keys that set a threshold; when none is set, ``default-require`` applies.
THRESHOLD_KEYS = ("min-score", "require", "fail-on-pitfall")


# --- finding and reading the configuration file -------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise GenderscanError("config_invalid_toml", path=str(path), detail=str(exc)) from None
    except UnicodeDecodeError:  # a binary file
        raise GenderscanError("config_invalid_toml", path=str(path), detail="het bestand is geen UTF-8-tekst") from None
    except OSError as exc:
        raise GenderscanError("config_not_found", path=str(path), detail=exc.strerror or str(exc)) from None


def _table_of(path: Path) -> dict[str, Any] | None:
    """The genderscan table in ``path``: the whole genderscan.toml, or pyproject's [tool.genderscan]."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("genderscan")
        if table is not None and not isinstance(table, dict):
            raise GenderscanError("config_invalid_value", path=str(path), key="tool.genderscan", detail="verwacht een tabel")
        return table
    return data


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """Walk up from ``start`` (a folder) to the first genderscan.toml or pyproject.toml with [tool.genderscan]."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate, _table_of(candidate) or {}
        candidate = folder / PYPROJECT
        if candidate.is_file():
            table = _table_of(candidate)
            if table is not None:
                return candidate, table
    return None


def load_config_file(path: Path) -> tuple[Path, dict[str, Any]]:
    path = path.resolve()
    if not path.is_file():
        raise GenderscanError("config_not_found", path=str(path), detail="bestand bestaat niet")
    return path, _table_of(path) or {}


def describe_source(config_file: Path) -> str:
    return f"{config_file}" + (" [tool.genderscan]" if config_file.name == PYPROJECT else "")


# --- resolving ------------------------------------------------------------------------------


def resolve(
    target: str | Path | None = None,
    flags: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_path: str | Path | None = None,
    cwd: Path | None = None,
) -> Settings:
    """The effective settings for checking ``target`` (a file or folder; None = working directory).

    ``flags`` maps keys of :data:`KEYS` to command-line values; ``None``, empty
    lists and empty strings mean "not given".
    """
    env = os.environ if env is None else env
    cwd = cwd or Path.cwd()
    flags = flags or {}
    values: dict[str, Any] = {k: (list(default) if isinstance(default, list) else default) for k, (_, default) in KEYS.items()}
    sources: dict[str, str] = dict.fromkeys(KEYS, DEFAULT_SOURCE)

    config_path = config_path or env.get(env_name("config")) or None
    if config_path:
        found: tuple[Path, dict[str, Any]] | None = load_config_file(Path(config_path))
    else:
        start = Path(target).resolve() if target is not None else cwd.resolve()
        found = find_config(start if start.is_dir() else start.parent)
    config_file = None
    if found:
        config_file, table = found
        source = describe_source(config_file)
        for raw_key, raw in table.items():
            key = raw_key.replace("_", "-")
            if key not in KEYS:
                raise GenderscanError("config_unknown_key", path=source, key=raw_key, choices=", ".join(KEYS))
            expected = FILE_TYPES.get(key)
            if expected is not None and (not isinstance(raw, expected[0]) or (expected[0] is int and isinstance(raw, bool))):
                raise GenderscanError("config_invalid_value", path=source, key=raw_key, detail=expected[1])
            values[key] = _parse(key, raw, config_file.parent, source)
            sources[key] = source
    for key, value in environment_values(KEYS, lambda key, raw: KEYS[key][0](raw, cwd), env).items():
        values[key] = value
        sources[key] = env_name(key)
    for key, raw in flags.items():
        if key not in KEYS:
            raise KeyError(key)
        if raw is None or (isinstance(raw, list | tuple | str) and not raw):
            continue
        flag = "--" + key
        values[key] = _parse(key, raw, cwd, flag)
        sources[key] = flag
    return _build(values, sources, config_file, base=config_file.parent if config_file else cwd)


def _parse(key: str, raw: Any, base: Path, source: str) -> Any:
    parser, _ = KEYS[key]
    try:
        return parser(raw, base)
    except ValueError as exc:
        raise GenderscanError("config_invalid_value", path=source, key=key, detail=str(exc)) from None


def parse_require(entries: list[str]) -> dict[str, int]:
    """``["A1", "sekse-data:2"]`` -> ``{"gender-als-oorzaak": 1, "sekse-data": 2}``.

    An entry is an item ID or code (A1 ... D2), optionally with ``:2`` or ``=2``
    for "uitgewerkt"; unknown items raise ``unknown_item`` (exit code 2).
    """
    from genderscan.checklist import load_checklist

    checklist = load_checklist()
    by_code = {i.code.lower(): i.id for i in checklist.items}
    required: dict[str, int] = {}
    for entry in entries:
        name, level = entry, "1"
        for sep in (":", "="):
            if sep in entry:
                name, _, level = entry.partition(sep)
                break
        item = by_code.get(name.strip().lower(), name.strip())
        if checklist.item(item) is None:
            raise GenderscanError("unknown_item", item=name, choices=", ".join(checklist.item_ids))
        if level.strip() not in ("1", "2"):
            raise GenderscanError("config_invalid_value", path="require", key=entry, detail="het niveau is 1 (genoemd) of 2 (uitgewerkt)")
        required[item] = max(required.get(item, 0), int(level))
    return required


def _validate_items(weights: dict[str, float]) -> None:
    from genderscan.checklist import load_checklist

    checklist = load_checklist()
    for item in weights:
        if checklist.item(item) is None:
            raise GenderscanError("unknown_item", item=item, choices=", ".join(checklist.item_ids))


def _validate_rules(rules: list[str], disabled: list[str]) -> None:
    if not disabled:
        return
    from genderscan.rules.ruleset import all_rules

    known = {r.id for r in all_rules(tuple(rules)).rules}
    for rule in disabled:
        if rule not in known:
            raise GenderscanError("unknown_rule", rule=rule)


def _build(values: dict[str, Any], sources: dict[str, str], config_file: Path | None, base: Path | None = None) -> Settings:
    from genderscan.i18n import check_lang

    check_lang(values["lang"])
    _validate_items(values["weights"])
    _validate_rules(values["rules"], values["disabled-rules"])
    config = Config(
        lang=values["lang"],
        model=values["model"],
        rules=values["rules"],
        disabled_rules=values["disabled-rules"],
        weights=values["weights"],
        inline_suppressions=values["inline-suppressions"],
        semantic=values["semantic"],
        limits=Limits(**{key.replace("-", "_"): values[key] for key in LIMIT_SETTINGS}),
    )
    default_require = parse_require(values["default-require"])
    default_policy = all(sources[k] == DEFAULT_SOURCE for k in THRESHOLD_KEYS) and bool(default_require)
    thresholds = Thresholds(
        min_score=values["min-score"],
        require=default_require if default_policy else parse_require(values["require"]),
        fail_on_pitfall=values["fail-on-pitfall"],
    )
    return Settings(
        config=config,
        thresholds=thresholds,
        format=values["format"],
        baseline=Path(values["baseline"]) if values["baseline"] else None,
        values=values,
        sources=sources,
        config_file=config_file,
        default_policy=default_policy,
        base=base,
    )
