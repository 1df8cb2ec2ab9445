"""The rule engine: YAML rule packs, compiled once, run over an annotated document.

``load_rules(paths)`` reads and validates every ``*.yaml`` rule file under the
given folders (the built-in checklist rules first, user packs after, a later
rule with the same ID replacing an earlier one) and returns a :class:`RuleSet`;
``RuleSet.run(annotated)`` returns the :class:`~genderscan.findings.Finding` s.
"""

from genderscan.rules.engine import RuleSet, load_rules
from genderscan.rules.schema import Rule

__all__ = ["Rule", "RuleSet", "load_rules"]
