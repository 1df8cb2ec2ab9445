"""``genderscan rules list | explain ID | test [PATH]``: the rule packs for policy experts.

The commands read the configuration as ``analyse`` does (genderscan.toml / ``[tool.genderscan]``
found from the working directory up, or ``--config``; then ``GENDERSCAN_*``; then the flags), so
``rules list`` shows exactly the rules ``analyse`` runs there: the configured packs (``rules``) and
the switched-off rules (``disabled-rules``, shown as off).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from genderscan.cli.common import CONFIG_LANG_OPTION, CONFIG_OPTION, remember_lang
from genderscan.errors import GenderscanError
from genderscan.exitcodes import ExitCode
from genderscan.i18n import check_lang, message

if TYPE_CHECKING:
    from genderscan.rules import RuleSet
    from genderscan.rules.schema import Rule
    from genderscan.settings import Settings

app = typer.Typer(
    help="Bekijk, leg uit en test de regels (rules/*.yaml), met de regelpakketten en uitgeschakelde regels uit genderscan.toml.",
    no_args_is_help=True,
)

RULES_OPTION = typer.Option([], "--rules", help="Extra regelmap (mag vaker); vervangt rules uit genderscan.toml, zoals bij analyse. Regels met dezelfde ID vervangen de ingebouwde.")
LANG = CONFIG_LANG_OPTION


def _setup(rules: list[Path], lang: str | None, config_file: Path | None) -> Settings:
    """The rule configuration ``analyse`` uses in the working directory, resolved as ``analyse`` resolves
    it: genderscan.toml / [tool.genderscan] (from the working directory up, or ``--config``) < GENDERSCAN_*
    < the flags."""
    from genderscan.settings import resolve

    if lang is not None:
        check_lang(lang)
    settings = resolve(None, {"lang": lang, "rules": [str(r) for r in rules]}, config_path=config_file)
    remember_lang(settings.config.lang)
    return settings


def _ruleset(packs: list[str] | list[Path]) -> RuleSet:
    """Every rule of the built-in rules and ``packs``, the disabled ones too (shown as off)."""
    from genderscan.rules.ruleset import all_rules

    return all_rules(tuple(str(r) for r in packs))


def _title(target: str, lang: str) -> str:
    from genderscan.i18n import checklist_texts

    texts = checklist_texts(lang)
    for key in ("items", "pitfalls", "hints"):
        entry = (texts.get(key) or {}).get(target)
        if isinstance(entry, dict) and entry.get("title"):
            return entry["title"]
    return ""


def _pack_of(rule: Rule, packs: list[str], lang: str) -> str:
    """The pack a rule was loaded from: "ingebouwd" or the pack's folder (relative to the working directory)."""
    path = Path(rule.path).resolve()
    for pack in reversed(packs):  # a later pack overrides an earlier one
        root = Path(pack).resolve()
        if root in path.parents:
            try:
                return str(root.relative_to(Path.cwd().resolve())) or "."
            except ValueError:
                return str(root)
    return message("rules_pack_builtin", lang)


def _print_config(console: Console, setup: Settings) -> None:
    lang = setup.config.lang
    found = str(setup.config_file) if setup.config_file else message("config_no_file", lang)
    console.print(message("config_file_used", lang, path=found), markup=False, highlight=False, soft_wrap=True)


@app.command("list")
def list_rules(rules: list[Path] = RULES_OPTION, lang: str | None = LANG, config_file: Path | None = CONFIG_OPTION) -> None:
    """Toon per checklist-item, valkuil en hint de regels die analyse gebruikt, hun bron en pakket, en of ze aan of uit staan."""
    setup = _setup(rules, lang, config_file)
    lang, disabled, source = setup.config.lang, set(setup.config.disabled_rules), setup.sources["disabled-rules"]
    ruleset = _ruleset(setup.config.rules)
    checklist = ruleset.checklist
    order = {t: i for i, t in enumerate(checklist.item_ids + checklist.pitfall_ids + list(checklist.hints))}
    codes = {i.id: i.code for i in checklist.items} | {p.id: p.code for p in checklist.pitfalls}
    table = Table(show_lines=False)
    for col in message("rules_list_columns", lang).split("|"):
        table.add_column(col)
    on, off = message("rules_status_on", lang), message("rules_status_off", lang)
    for rule in sorted(ruleset.rules, key=lambda r: (order.get(r.target, 99), r.id)):
        is_off = rule.id in disabled
        status = f"[yellow]{off}[/yellow]" if is_off else on
        row = [codes.get(rule.target, "hint"), rule.target, rule.id, rule.rule_type, rule.source, _pack_of(rule, setup.config.rules, lang)]
        table.add_row(*[_plain(v, dim=is_off) for v in row], status)
    console = Console(width=200)
    _print_config(console, setup)
    console.print(table)
    active = [r for r in ruleset.rules if r.id not in disabled]
    missing = [i for i in checklist.item_ids + checklist.pitfall_ids + list(checklist.hints) if i not in {r.target for r in active}]
    console.print(message("rules_list_summary", lang, rules=len(active), targets=len(order) - len(missing), total=len(order)))
    if disabled:
        console.print(message("rules_list_disabled", lang, count=len(disabled), source=source, rules=", ".join(sorted(disabled))), markup=False, soft_wrap=True)
    if missing:
        console.print(message("rules_list_missing", lang, targets=", ".join(missing)))


def _plain(text: str, *, dim: bool = False) -> str:
    from rich.markup import escape

    return f"[dim]{escape(text)}[/dim]" if dim else escape(text)


@app.command("explain")
def explain(
    rule_id: str = typer.Argument(..., metavar="ID", help="Regel-ID (bijv. gender-als-oorzaak/oorzaak) of een item-ID."),
    rules: list[Path] = RULES_OPTION,
    lang: str | None = LANG,
    config_file: Path | None = CONFIG_OPTION,
) -> None:
    """Leg uit wat een regel zoekt, waar hij op steunt en geef een voorbeeld (en of hij uit staat)."""
    setup = _setup(rules, lang, config_file)
    lang, disabled, source = setup.config.lang, set(setup.config.disabled_rules), setup.sources["disabled-rules"]
    ruleset = _ruleset(setup.config.rules)
    chosen = [r for r in ruleset.rules if r.id == rule_id] or [r for r in ruleset.rules if r.target == rule_id]
    if not chosen:
        raise GenderscanError("unknown_rule", rule=rule_id)
    console = Console(width=120)
    for rule in chosen:
        console.rule(Text(rule.id, style="bold"))
        if rule.id in disabled:
            console.print(message("explain_disabled", lang, source=source), style="yellow", markup=False)
        _explain_rule(console, ruleset, rule, lang)


def _explain_rule(console: Console, ruleset: RuleSet, rule: Rule, lang: str) -> None:
    t = lambda key, **kw: message(key, lang, **kw)  # noqa: E731
    console.print(f"{t('explain_target')}: {rule.target} ({rule.kind}) {_title(rule.target, lang)}", markup=False)
    console.print(f"{t('explain_message')}: {rule.message}", markup=False)
    console.print(f"{t('explain_source')}: {rule.source}" + (f"  {rule.link}" if rule.link else ""), markup=False)
    console.print(f"{t('explain_file')}: {rule.path}", markup=False)
    console.print(f"{t('explain_within', within=rule.within)}")
    for g, group in enumerate(rule.all, 1):
        terms = ruleset.expanded(group)
        shown = ", ".join(terms[:12]) + (" …" if len(terms) > 12 else "")
        console.print(f"  {t('explain_group', n=g)}: {' '.join(group)}  → {shown}", markup=False)
    for cond in rule.also:
        console.print(f"  {t('explain_also', within=cond.within)}: {' '.join(cond.terms)}", markup=False)
    if rule.unless:
        console.print(f"  {t('explain_unless')}: {', '.join(rule.unless)}", markup=False)
    if rule.pseudo:
        console.print(f"  {t('explain_pseudo')}: {', '.join(rule.pseudo)}", markup=False)
    if rule.accepts or rule.requires:
        console.print(f"  {t('explain_qualifiers', accepts=', '.join(rule.accepts) or '-', requires=', '.join(rule.requires) or '-')}")
    if rule.unless_items:
        console.print(f"  {t('explain_unless_items')}: {', '.join(rule.unless_items)}")
    if rule.level2:
        console.print(f"  {t('explain_level2')}: {rule.level2}")
    if rule.examples.match:
        console.print(f"{t('explain_example')}: “{rule.examples.match[0]}”", markup=False)
    if rule.examples.no_match:
        console.print(f"{t('explain_counter')}: “{rule.examples.no_match[0]}”", markup=False)


@app.command("test")
def test(
    path: Path | None = typer.Argument(None, help="Een regelbestand of -map; standaard alle regels die analyse gebruikt (ingebouwd en uit genderscan.toml)."),
    rules: list[Path] = RULES_OPTION,
    lang: str | None = LANG,
    config_file: Path | None = CONFIG_OPTION,
) -> None:
    """Controleer de voorbeelden (examples: match / no_match) van de regels."""
    setup = _setup(rules, lang, config_file)
    lang, disabled, source = setup.config.lang, set(setup.config.disabled_rules), setup.sources["disabled-rules"]
    extra: list[str | Path] = list(setup.config.rules)
    if path is not None:
        if not path.exists():
            raise GenderscanError("rule_dir_not_found", path=str(path))
        if not _inside_pack(path, extra):
            extra.append(path if path.is_dir() else path.parent.parent)
    ruleset = _ruleset([str(p) for p in extra])
    skipped: list[str] = []
    if path is None:  # the rules analyse runs: a switched-off rule is not tested
        selected = [r for r in ruleset.rules if r.id not in disabled]
        skipped = sorted(r.id for r in ruleset.rules if r.id in disabled)
    else:  # the rules in PATH, also a switched-off one: the user asked for them
        target = path.resolve()
        selected = [r for r in ruleset.rules if r.path and (Path(r.path).resolve() == target or target in Path(r.path).resolve().parents)]
        if not selected:
            raise GenderscanError("rules_none_found", path=str(path))
    from genderscan.nlp import load_pipeline  # after the input checks: a wrong path does not load spaCy
    from genderscan.rules.selftest import check_all

    failures = check_all(ruleset, load_pipeline(), selected)
    examples = sum(len(r.examples.match) + len(r.examples.no_match) + len(r.examples.marked) for r in selected)
    console = Console(width=200)
    for f in failures:
        key = "test_should_match_marked" if f.marked else "test_should_match" if f.expected_match else "test_should_not_match"
        console.print(message(key, lang, path=f.path, rule=f.rule.id, sentence=f.sentence), markup=False, soft_wrap=True)  # one line: grep-able
    thin = [r.id for r in selected if len(r.examples.match) < 3 or len(r.examples.no_match) < 3]
    if thin:
        console.print(message("test_thin", lang, rules=", ".join(thin)))
    if skipped:
        console.print(message("test_skipped_disabled", lang, source=source, rules=", ".join(skipped)), markup=False, soft_wrap=True)
    console.print(message("test_summary", lang, rules=len(selected), examples=examples, failures=len(failures)))
    if failures or thin:
        raise typer.Exit(ExitCode.FAILED)


def _inside_pack(path: Path, extra: list[str | Path]) -> bool:
    """Is ``path`` inside the built-in rules or one of the configured / ``--rules`` packs? Otherwise it is
    loaded as a pack (a file as ``<pack>/<item>/<rule>.yaml``)."""
    from genderscan.paths import default_rules_dir

    p = path.resolve()
    for root in [default_rules_dir(), *extra]:
        r = Path(root).resolve()
        if p == r or r in p.parents:
            return True
    return False
