"""Scoring the event coder against a hand-annotated gold set.

The gold set (``tests/data/events_gold.jsonl``) holds no article text: each
line names an article (corpus file and row, with its URL), the evidence
sentence by its character offsets in the clean text (and a hash of it, to
detect drift when cleaning changes), the offsets of other sentences that tell
the same action again (``also``), the CAMEO code, source and target
actors and the event's date.

Annotation guideline. Every event in an annotated article is listed: an
action between actors reported as fact (or a declared intent to cooperate),
expressed by an event predicate (a verb, or an event noun with a support verb);
"X said ..." is not an event by itself, its content is coded when it is an
appeal, demand, criticism, threat and so on. Repeats of one action in an
article are one event. An actor is written as alternatives ("Sergei
Lavrov|RUS"): a country code matches any actor code of that country, a name
matches the predicted entity's name.

Decisions taken while annotating (they bind later annotation):

- Unnamed groups as targets ("seluruh pihak", "peserta aksi", "masyarakat")
  are written as no actor (``[]``), except in coercion, assault and force,
  where a victim group ("warga sipil", "korban", "wartawan") is its own
  actor; a plural that stands for named institutions ("lembaga-lembaga
  penegak hukum" = Polri, Kejagung, KPK) is one actor with those names and
  codes as alternatives.
- One sentence praising several bodies, each then elaborated: one event per
  target, the summary sentence in ``also`` of each. A sentence may start two
  events (a verdict 116 and a transfer 173).
- A message passed on for someone else: both people are alternatives in
  ``source``.
- A weekday and a date that disagree: a range over both days.
- Corruption investigations are 091 (older lines use 090; same root).
- Future investigations and demands ("akan dimintai pertanggungjawaban") are
  not coded; declared intents to meet or consult ("akan koordinasi") are 036,
  to protect a witness 033.
- A demonstration announced for "hari ini" is a fact (141); denying a rumour
  nobody voiced as an accusation is no event; refuting a named person is
  111; a somasi is 100; a recommendation 020; a prisoner's transfer 173.
- Keep name alternatives at least as long as the full name where a short one
  would also match another person: a one-word alternative matches any name
  holding that word ("Prabowo" matches "Listyo Sigit Prabowo").

A predicted event matches a gold event when its evidence (first telling or a
repeat) overlaps the gold sentence and the root code, the source set and the
target set all agree; reciprocal events compare the union of their parties.
Precision is over all events predicted in the annotated articles. An
article annotated as holding no event at all is one line with ``"none": true``
(and no offsets): whatever the coder finds there is an extra.

Held-out splits. A split annotated before any coder change made while looking
at it measures generalisation once; after its figure is recorded it joins
``dev`` (the line keeps its old split name in ``was``) and a fresh split is
annotated. ``unseen`` (P 37.5 %, R 18.8 %) and ``unseen2`` (P 42.9 %,
R 32.4 %) were scored that way and are now dev, then ``unseen3`` (64 events
in 22 articles and 3 with none, drawn with seed 3033 from the politics, law and
international sections of the corpus files; P 35.0 %, R 10.9 %).
``unseen4`` (87 events in 21 articles and 4 with none, seed 4044, including
the CLICK-ID dumps) scored P 37.0 %, R 19.5 % first and P 38.8 %, R 21.8 %
when it joined dev. ``unseen5`` (69 events in 20 articles and 9 with none,
seed 5055, quotas per corpus file, lifestyle and sport sections left out by URL)
is held out; its first score, with the coder of the session that annotated it
unchanged, was P 33.3 %, R 13.0 %, and P 36.7 %, R 15.9 % at the end of that
session (265 dictionary rows, institutional actors in the entities layer, no
change made while looking at it).

``unseen6`` (44 events in 15 articles and 10 with none, seed 6066, the same
quotas) is held out; its first score, with the rules unchanged, was P 27.8 %,
R 11.4 %. ``train`` (183 events in 63 articles and 12 with none, seed 7077,
annotated blind the same way) is what learned components fit (``gate_train``);
the unchanged rules scored P 38.1 %, R 17.5 % on it, the largest blind figure so
far. Its errors may be read; they are not a held-out measure once read.
``unseen7`` (50 events in 18 articles and 5 with none, seed 8088, the same
quotas; two drawn articles were dropped because the corpus holds them again
under other rows already in dev) is held out; its first score, with the rules
of the session that annotated it unchanged, was P 35.7 %, R 20.0 %. In the
same session 75 more ``train`` articles (173 events in 59 articles and 16 with
none, seed 9099) were annotated; scored blind with the same unchanged rules
before they joined ``train``: P 33.3 %, R 10.4 % (P root 66.7 %, R root 20.8 %).
Two of their codes that the CAMEO table lacks (0213, 0242) were normalised to
their parents.
That session's changes (new dictionary rows, party rules) were written
against dev and the first ``train`` batch only; at its end the held-out splits
scored unseen5 P 36.7 % R 15.9 % (unchanged), unseen6 P 26.3 % R 11.4 %,
unseen7 P 38.5 % R 20.0 %, and the second ``train`` batch, still unread,
P 35.7 % R 11.6 %: the gains on the data read (first batch P 38.1 -> 49.4 %,
R 17.5 -> 23.5 %) barely carry to unread articles.

Decisions taken while annotating ``unseen5``:

- Arresting and charging one suspect ("diamankan", "ditetapkan tersangka",
  "dijerat Pasal") is one 173, the tellings in ``also``; shooting the suspect's
  legs during the arrest is a separate 182.
- Theft by a private person is 171 (1711 only for seizures by authorities).
- Holding back a position ("belum memberikan sikap") is 011 with no target;
  saying something is or stays the case ("memastikan gratis") is no event.
- "X setuju" with a named actor's proposal is 019; a court ruling that obliges
  the government and DPR to act is 100; postponing a bill on request is 0832;
  acquiring another firm's shares is 061.
- Company promotions, product launches and awards received are no event; a
  public-service message or a doctor's advice to the public is 020 with no target.
- A joint operation between agencies is 060 from the first-named agency to its
  partners; passing on the tip that started an operation is 064.
- Filing a police report against a named suspect is 114, reporting a missing
  person 020, the police turning a report down 120.
- A killing by an unknown perpetrator has no source and the victim as target;
  people named only by nationality take that country's code.
- Events without a date in the text and not said to be today are dated null; a
  truncated year ("Januari 202.") is null; "pekan lalu" is the Monday-Sunday
  week before publication.

Decisions taken while annotating ``unseen6`` and ``train``:

- Still weighing a request or option ("masih mengkaji", "mempertimbangkan") is
  014 with no target; declining to give details ("enggan merinci") is 011.
- An order to a subordinate ("saya perintahkan", "memerintahkan") is 100, a
  request 020; a regulator saying a named firm "harus" act is 100; a legal duty
  stated ("wajib") is no event.
- A lawsuit or pretrial motion is 115 from the plaintiff to each defendant, each
  appeal its own 115, withdrawing it 080; a ruling that obliges bodies to pay is
  100 from the court, repeats of one ruling one event.
- A list of named witnesses summoned or suspects named: one event per named
  person (091, 173), the summary sentence in ``also``; two suspects named in one
  sentence are one 173 with both as targets.
- Seizures by investigators are 1711 (the group whose goods were seized is the
  target); removing an official or revoking a passport or licence is 172.
- Welcoming a named actor's plan is 051, thanks 051, condolences 018; a
  pessimistic remark on a named actor's proposal 012.
- Withdrawing one's own decision after "masukan dari berbagai pihak" is 0832
  with no target; lifting a block on funds or aid is 081.
- Offering to host talks between two parties is 039, urging them to talk 026,
  being ready to talk oneself 036.
- A claim of responsibility for an attack is 015; deploring unnamed offenders is
  111 with no target; a threat to act against unnamed offenders 130.
- A central bank's rate decision, a company's board changes, matches and
  natural disasters are no event; a named category with an acronym ("KPM") is an
  actor, not an unnamed group.

Decisions taken while annotating ``unseen7``:

- Switching recognition is a 054 to the state now recognised and a 161 to the
  one dropped; that state's breaking ties in return is its own 161.
- A riot by an unnamed crowd is 145 from "massa" with no target; an accusation
  with no accuser named is 112 with no source; a demonstration against a law
  just passed is 141 against the body that passed it.
- A leader urging his own cadres is 020 with no target; an expert saying a
  named actor "harus"/"jangan" act is 020 to it, a plain need with no addressee
  no event; a promise to the President is 030.
- Meeting someone to ask permission is 042 and 020; an arrest "atas permintaan"
  a state is 173 plus a 020 from that state to the arresting one; talks
  "dijadwalkan dilanjutkan" are 036; a past settlement between firms is 057.
- A criticism naming one actor, then two in the next sentence: one event per
  target, the second sentence in the first one's ``also``.
- Handing recovered state losses to the state is 0842; a parent company's
  capital injection into its subsidiary 061; grants to several parties in one
  sentence one 071 with all of them as targets; a company's support for a
  community group 070, the group's thanks 051.
- A case "masih didalami" against named suspects is 091; not answering a
  request for comment is 011 with no target; denying a named actor's
  accusation is 111 to that actor.
- Independent commissions and regulators (Komnas HAM, OJK, KPK) are written by
  name, without an IDN role code.

Decisions taken while annotating the second ``train`` batch:

- A wanted listing, a failed forced pick-up and naming the suspect are one 173;
  skipping police summonses is 128 to the police; handing a case file to the
  prosecutors or the court ("pelimpahan perkara") 064; the reading of the
  indictment and standing trial 173 from the prosecutors to the defendant.
- Unnamed attackers ("pelaku", "rekan sekolahnya") are no source, the victim the
  target; someone "menjadi tersangka" with no body named is 173 with no source;
  a fight where both strike is two 182s.
- An editorial's criticisms and demands have no source; an op-ed's author is
  the source; both are dated null unless the text gives a date.
- Sealing company sites is 1711, revoking their licences 172; a mass ticketing
  operation 172 to "pengendara"; a presidential instruction to all institutions
  100 with no target.
- Several plaintiffs of one suit in one sentence are one 115 with all as
  sources; a pending takeover offer is 031, 061 once made; negotiating a debt
  scheme with a regulator 046; brokering an MoU between two parties 045.
- Creating an institution at a foreign government's request is 0834 to it; a
  foreign government agreeing to a lobbied request 019; a cited existing MoU 057
  dated to its year; a military deployment to guard an institution 074.
- Withdrawing from a treaty is 160, reimposing sanctions 163, lifting them 085;
  a trade tribunal obliging a state to act 100 to that state.
- A case number's year is not a ruling's date; "sekitar N bulan lalu" is the
  calendar month N months before publication; a date typo whose weekday fits a
  plausible day is read as that day.
- A related-article headline left in the text is coded like any sentence.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..article import Article

CODE = re.compile(r"^[A-Z]{3,9}$")


def load_gold(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _norm(s: str) -> str:
    return re.sub(r"[^\w ]+", " ", s.lower()).strip()


def actor_matches(alts: list[str], pred: dict) -> bool:
    """One gold actor (alternatives) against one predicted actor."""
    code = pred.get("actor") or ""
    names = [_norm(n) for n in (pred.get("name"), pred.get("text")) if n]
    for alt in alts:
        if CODE.match(alt) and (code == alt or (len(alt) == 3 and code.startswith(alt))):
            return True
        a = _norm(alt)  # an acronym ("KPK", "PPATK") is also a name
        if a and any(_name_match(a, n) for n in names if n):
            return True
    return False


def _name_match(a: str, name: str) -> bool:
    if a == name or (len(a) > 3 and len(name) > 3 and (a in name or name in a)):
        return True
    return fuzz.token_set_ratio(a, name) >= 85


def actors_agree(gold: list[list[str]], pred: list[dict]) -> bool:
    """Same set of actors: every gold actor found, every predicted one expected."""
    if not gold and not pred:
        return True
    return all(any(actor_matches(g, p) for p in pred) for g in gold) and all(
        any(actor_matches(g, p) for g in gold) for p in pred
    )


def parties_agree(g: dict, p: dict) -> tuple[bool, bool]:
    if p.get("mutual"):
        both = actors_agree(g["source"] + g["target"], p["source"] + p["target"])
        return both, both
    return actors_agree(g["source"], p["source"]), actors_agree(g["target"], p["target"])


def date_agrees(g: dict, p: dict) -> bool | None:
    if not g.get("date"):
        return None
    gd, ge = g["date"], g.get("date_end") or g["date"]
    pd, pe = p.get("date"), p.get("date_end") or p.get("date")
    if not pd:
        return False
    return pd <= gd <= pe or gd <= pd <= ge


def _spans(p: dict) -> list[tuple[int, int]]:
    return [(p["start"], p["end"])] + [tuple(r) for r in p.get("repeats", [])]


def _overlaps(g: dict, p: dict) -> bool:
    """The prediction's evidence meets the gold sentence or another telling of it."""
    golds = [(g["start"], g["end"])] + [tuple(x) for x in g.get("also", [])]
    return any(s < ge and gs < e for s, e in _spans(p) for gs, ge in golds)


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    full: int = 0  # root + source + target
    root: int = 0  # root code on the right sentence
    code: int = 0  # exact code, among root matches
    source: int = 0
    target: int = 0
    dated: int = 0
    date_ok: int = 0
    drift: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def pr(self, hits: int) -> tuple[float, float]:
        return (hits / self.pred if self.pred else 0.0, hits / self.gold if self.gold else 0.0)


def score_article(text: str, events: list[dict], golds: list[dict], sc: Score) -> None:
    """Match one article's predictions to its gold events, one to one."""
    sc.gold += len(golds)
    sc.pred += len(events)
    used_full: set[int] = set()
    used_root: set[int] = set()
    for g in golds:
        if hashlib.sha1(text[g["start"] : g["end"]].encode()).hexdigest()[:12] != g["sha1"]:
            sc.drift += 1
        cands = [(i, p) for i, p in enumerate(events) if _overlaps(g, p) and p["root"] == g["code"][:2]]
        best = None
        for i, p in cands:
            src, tgt = parties_agree(g, p)
            if src and tgt and i not in used_full:
                best = (i, p, src, tgt)
                used_full.add(i)
                sc.full += 1
                break
        if best is None:
            free = [(i, p) for i, p in cands if i not in used_root]
            if free:
                i, p = free[0]
                best = (i, p, *parties_agree(g, p))
            else:
                sc.misses.append(g)
                continue
        i, p, src, tgt = best
        used_root.add(i)
        sc.root += 1
        sc.code += p["code"] == g["code"]
        sc.source += src
        sc.target += tgt
        ok = date_agrees(g, p)
        if ok is not None:
            sc.dated += 1
            sc.date_ok += ok
        if not (src and tgt):
            sc.misses.append(g)
    sc.extras += [p for i, p in enumerate(events) if i not in used_full]


SPLITS = ("dev", "unseen5", "unseen6", "unseen7")


def gold_articles(gold: list[dict], data: Path, splits: Iterable[str]) -> Iterator[tuple[Article, list[dict], str]]:
    """Each gold article of ``splits`` through every layer the event coder reads, with its
    gold events (none for an article annotated as holding none) and its split."""
    from ..pipeline import DEFAULT, Pipeline
    from ..sources import read

    wanted = set(splits)
    by_article: dict[tuple[str, int], list[dict]] = {}
    for g in gold:
        if g["split"] in wanted:
            by_article.setdefault((g["file"], g["row"]), []).append(g)
    pipeline = Pipeline(DEFAULT[: DEFAULT.index("events")])  # the layers events read, no more
    for fname in sorted({f for f, _ in by_article}):
        rows = {r for f, r in by_article if f == fname}
        for art in read([str(data / "corpus" / fname)]):
            row = int(art.source.rsplit("#row=", 1)[1]) if "#row=" in art.source else -1
            if row in rows:
                golds = by_article[(fname, row)]
                yield pipeline(art), [g for g in golds if not g.get("none")], golds[0]["split"]


def evaluate(gold: list[dict], data: Path, splits: Iterable[str] = SPLITS,
             rules_only: bool = False) -> dict[str, Score]:
    """Run the full pipeline on every gold article and score each split.

    Events pass the learned gate as in the pipeline, except that an article the gate
    was trained on is coded with the fold model that did not see it
    (``gate.gate_for``); ``rules_only`` scores the dictionary rules without the gate."""
    from .coder import code_article
    from .gate import gate_for

    scores = {s: Score() for s in splits}
    for art, golds, split in gold_articles(gold, data, scores):
        events = code_article(art, gate=None if rules_only else gate_for(art))
        score_article(art.text, events, golds, scores[split])
    return scores


def _frac(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "   n/a"


def report(scores: dict[str, Score]) -> str:
    lines = [
        f"{'split':8} {'gold':>5} {'pred':>5} {'P event':>8} {'R event':>8} {'P root':>7} {'R root':>7} "
        f"{'code=':>6} {'source':>7} {'target':>7} {'date':>6} {'drift':>5}"
    ]
    for name, s in scores.items():
        p, r = s.pr(s.full)
        rp, rr = s.pr(s.root)
        lines.append(
            f"{name:8} {s.gold:5d} {s.pred:5d} {p:8.1%} {r:8.1%} {rp:7.1%} {rr:7.1%} "
            f"{_frac(s.code, s.root)} {_frac(s.source, s.root):>7} {_frac(s.target, s.root):>7} "
            f"{_frac(s.date_ok, s.dated)} {s.drift:5d}"
        )
    lines.append("P/R event: root code + source + target right; P/R root: root code on the right sentence;")
    lines.append("code=, source, target, date: share right among root matches (date where the gold gives one).")
    return "\n".join(lines)
