"""``genderscan rules list | explain ID | test [PATH]``: the rule packs for policy experts."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from genderscan.errors import GenderscanError
from genderscan.exitcodes import ExitCode
from genderscan.i18n import check_lang, message

app = typer.Typer(help="Bekijk, leg uit en test de regels (rules/*.yaml).", no_args_is_help=True)

RULES_OPTION = typer.Option([], "--rules", help="Extra regelmap (mag vaker); regels met dezelfde ID vervangen de ingebouwde.")
LANG = typer.Option("nl", "--lang", help="Taal van de meldingen: nl of en.")


def _ruleset(rules: list[Path]):
    from genderscan.rules import load_rules

    return load_rules([str(r) for r in rules])


def _title(target: str, lang: str) -> str:
    from genderscan.i18n import checklist_texts

    texts = checklist_texts(lang)
    for key in ("items", "pitfalls", "hints"):
        entry = (texts.get(key) or {}).get(target)
        if isinstance(entry, dict) and entry.get("title"):
            return entry["title"]
    return ""


@app.command("list")
def list_rules(rules: list[Path] = RULES_OPTION, lang: str = LANG) -> None:
    """Toon per checklist-item, valkuil en hint de regels en hun bron."""
    check_lang(lang)
    ruleset = _ruleset(rules)
    checklist = ruleset.checklist
    order = {t: i for i, t in enumerate(checklist.item_ids + checklist.pitfall_ids + list(checklist.hints))}
    codes = {i.id: i.code for i in checklist.items} | {p.id: p.code for p in checklist.pitfalls}
    table = Table(show_lines=False)
    for col in message("rules_list_columns", lang).split("|"):
        table.add_column(col)
    for rule in sorted(ruleset.rules, key=lambda r: (order.get(r.target, 99), r.id)):
        table.add_row(codes.get(rule.target, "hint"), rule.target, rule.id, rule.rule_type, rule.source)
    console = Console(width=200)
    console.print(table)
    missing = [i for i in checklist.item_ids + checklist.pitfall_ids if i not in {r.target for r in ruleset.rules}]
    console.print(message("rules_list_summary", lang, rules=len(ruleset.rules), targets=len(order) - len(missing), total=len(order)))
    if missing:
        console.print(message("rules_list_missing", lang, targets=", ".join(missing)))


@app.command("explain")
def explain(rule_id: str = typer.Argument(..., metavar="ID", help="Regel-ID (bijv. gender-als-oorzaak/oorzaak) of een item-ID."), rules: list[Path] = RULES_OPTION, lang: str = LANG) -> None:
    """Leg uit wat een regel zoekt, waar hij op steunt en geef een voorbeeld."""
    check_lang(lang)
    ruleset = _ruleset(rules)
    chosen = [r for r in ruleset.rules if r.id == rule_id] or [r for r in ruleset.rules if r.target == rule_id]
    if not chosen:
        raise GenderscanError("unknown_rule", rule=rule_id)
    console = Console(width=120)
    for rule in chosen:
        console.rule(f"[bold]{rule.id}[/bold]")
        t = lambda key, **kw: message(key, lang, **kw)  # noqa: E731
        console.print(f"{t('explain_target')}: {rule.target} ({rule.kind}) {_title(rule.target, lang)}")
        console.print(f"{t('explain_message')}: {rule.message}")
        console.print(f"{t('explain_source')}: {rule.source}" + (f"  {rule.link}" if rule.link else ""))
        console.print(f"{t('explain_file')}: {rule.path}")
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
def test(path: Path | None = typer.Argument(None, help="Een regelbestand of -map; standaard alle regels."), rules: list[Path] = RULES_OPTION, lang: str = LANG) -> None:
    """Controleer de voorbeelden (examples: match / no_match) van de regels."""
    check_lang(lang)
    extra = list(rules)
    if path is not None:
        if not path.exists():
            raise GenderscanError("rule_dir_not_found", path=str(path))
        if not _inside_pack(path, extra):
            extra.append(path if path.is_dir() else path.parent.parent)
    ruleset = _ruleset(extra)
    selected = ruleset.rules
    if path is not None:
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
        console.print(message(key, lang, path=f.path, rule=f.rule.id, sentence=f.sentence), markup=False)
    thin = [r.id for r in selected if len(r.examples.match) < 3 or len(r.examples.no_match) < 3]
    if thin:
        console.print(message("test_thin", lang, rules=", ".join(thin)))
    console.print(message("test_summary", lang, rules=len(selected), examples=examples, failures=len(failures)))
    if failures or thin:
        raise typer.Exit(ExitCode.FAILED)


def _inside_pack(path: Path, extra: list[Path]) -> bool:
    """Is ``path`` inside the built-in rules or one of the ``--rules`` packs? Otherwise it is loaded as a pack
    (a file as ``<pack>/<item>/<rule>.yaml``)."""
    from genderscan.paths import default_rules_dir

    p = path.resolve()
    for root in [default_rules_dir(), *extra]:
        r = Path(root).resolve()
        if p == r or r in p.parents:
            return True
    return False
