"""Command-line entry points of the events layer.

``eval_events`` is ``warta eval events [GOLD]``; ``explain_event`` is
``warta explain EVENT_ID``: why warta coded an event, down to the dictionary
row that fired.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from . import cameo
from .dictionary import lexicon, patterns
from .evaluate import SPLITS

_BY = re.compile(r"^verbs\.tsv:(?P<line>\d+) (?P<pattern>.*?)(?P<mods>(?: \+\w+\([^)]*\))*)$")


def rule_for(by: str) -> dict | None:
    """The dictionary row named in an event's ``by`` and the modifiers applied."""
    m = _BY.match(by or "")
    if not m:
        return None
    line, text = int(m.group("line")), m.group("pattern")
    # the row is found by its pattern text (lines move as the file grows)
    same = [p for p in patterns() if p.text == text]
    row = min(same, key=lambda p: abs(p.line - line)) if same else None
    line = row.line if row else line
    # the coder's mood (negation, intent); the parties' notes and the gate's score are not the row's
    mods = [(k, w) for k, w in re.findall(r"\+(\w+)\(([^)]*)\)", m.group("mods")) if k in ("neg", "intent")]
    return {
        "line": line,
        "pattern": row.text if row else text,
        "code": row.code if row else None,
        "options": dict(row.options) if row else {},
        "modifiers": mods,
    }


def explain(event: dict) -> str:
    """A plain-text account of one event: what, who, when, where, and why."""
    code = event.get("code") or ""
    row = cameo.table().get(code)
    lines = [f"event {event.get('id')}: CAMEO {code} {row.name if row else ''}".rstrip()]
    if row:
        plover = f"{row.plover} {row.plover_mode}".strip() or "none (PLOVER dropped this family)"
        lines.append(f"  root {row.root}, quad class {row.quad} ({row.quad_name}), "
                     f"Goldstein {row.goldstein:+.1f}, PLOVER {plover}")
    for side in ("source", "target"):
        actor = event.get(f"{side}_actor") or "-"
        name = event.get(f"{side}_name") or "-"
        lines.append(f"  {side:6}: {actor} ({name})")
    when = event.get("date") or "?"
    if event.get("date_end"):
        when += f" .. {event['date_end']}"
    lines.append(f"  date  : {when}")
    if event.get("place"):
        lines.append(f"  place : {event['place']}")
    if event.get("sentence"):
        lines.append(f"  evidence: {event['sentence']}")
    rule = rule_for(event.get("by", ""))
    if rule:
        lines.append(f"  rule  : warta/events/data/verbs.tsv line {rule['line']}: "
                     f"{rule['code']}  {rule['pattern']}")
        lx = lexicon()
        for kind, word in rule["modifiers"]:
            table = "negated_codes" if kind == "neg" else "intent_codes"
            what = "negation" if kind == "neg" else "intent"
            lines.append(f"  {what}: '{word}' before the trigger turned {rule['code']} into {code} "
                         f"(lexicon.yaml {table}; {len(lx[table])} entries)")
    elif event.get("by"):
        lines.append(f"  rule  : {event['by']}")
    gate = re.search(r"\+gate\(([\d.]+)\)", event.get("by") or "")
    if gate:
        lines.append(f"  gate  : confidence {gate.group(1)} from the learned gate "
                     "(warta/events/data/gate.json; events below its threshold are dropped)")
    return "\n".join(lines)


@click.command("events")
@click.argument("gold", required=False, default="tests/data/events_gold.jsonl",
                type=click.Path(dir_okay=False))
@click.option("--data", default="../shared/data", show_default=True,
              type=click.Path(file_okay=False), help="Reference data folder holding corpus/.")
@click.option("--split", "splits", multiple=True, default=SPLITS, show_default=True,
              help="Gold split(s) to score.")
@click.option("--show-errors", is_flag=True, help="List missed gold events and extra predictions.")
@click.option("--rules-only", is_flag=True, help="Score the dictionary rules without the learned gate.")
def eval_events(gold: str, data: str, splits: tuple[str, ...], show_errors: bool, rules_only: bool) -> None:
    """Precision and recall of event code, actors and date against a gold set."""
    from .evaluate import evaluate, load_gold, report

    if not Path(gold).is_file():
        raise click.ClickException(f"gold file not found: {gold}")
    if not (Path(data) / "corpus").is_dir():
        raise click.ClickException(f"no corpus/ under {data}; pass --data")
    scores = evaluate(load_gold(Path(gold)), Path(data), splits, rules_only)
    click.echo(report(scores))
    if show_errors:
        for name, sc in scores.items():
            click.echo(f"\n[{name}] missed:")
            for g in sc.misses:
                click.echo(f"  row {g['row']} @{g['start']} {g['code']} {g['source']} -> {g['target']}")
            click.echo(f"[{name}] extra:")
            for p in sc.extras:
                src = [a.get("name") for a in p["source"]]
                tgt = [a.get("name") for a in p["target"]]
                click.echo(f"  @{p['start']} {p['code']} {src} -> {tgt}  ({p['by']})")


@click.command("explain")
@click.argument("event_id")
@click.option("--db", required=True, envvar="WARTA_DB", help="Store: a SQLite path or postgresql:// URL.")
def explain_event(event_id: str, db: str) -> None:
    """Why warta coded an event: code, parties, date, evidence and the rule that fired."""
    from ..store import open_store

    with open_store(db) as store:
        event = store.event(event_id)
    if event is None:
        raise click.ClickException(f"no event {event_id!r} in {db}")
    click.echo(explain(event))
