"""The entities layer: people, organisations and places, one canonical identity each.

``entities_stage(article)`` fills ``article.mentions`` (every name in the text, with the entity
it belongs to) and ``article.entities`` (one record per entity: canonical name, type, actor code,
role and affiliation when the text gives them, Wikidata id when the dictionary has it, mentions).
It runs after the ``sentences`` stage.

The statistical NER tagger (``warta.entities.ner``) is used when its model is installed and
``article.meta["ner"]`` is not False; without it the stage still finds dictionary names, names
after roles and speech verbs, and organisation phrases. ``make_entities_stage(use_ner=False)``
gives a stage that never loads the tagger (the foundation benchmark runs that way).

Helpers for other layers: ``actor_for(phrase)`` (the actor code a phrase denotes: a dictionary
name, or a role with its country or organisation: "Menteri Luar Negeri Rusia" -> RUSGOV) and
``role_words()`` (the role and title words, lower case).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..article import Article
from ..lang.id.tokenize import token_spans
from .gazetteer import Gazetteer, gazetteer, normalise, tokens_of
from .link import link, person_actor

__all__ = [
    "actor_for",
    "entities_stage",
    "gazetteer",
    "make_entities_stage",
    "role_words",
]


@lru_cache(maxsize=1)
def _tagger():
    """The NER tagger, or None when it (or its model file) is not installed."""
    try:
        from .ner import NerTagger

        return NerTagger.load()
    except (ImportError, FileNotFoundError, OSError):
        return None


def _sentence_starts(article: Article) -> list[int]:
    if article.sentences:
        return [s.start for s in article.sentences]
    try:
        from ..lang.id.sentences import split_sentences
    except ImportError:
        return [0]
    return [s.start for s in split_sentences(article.text)] or [0]


def _dateline_country(gaz: Gazetteer, dateline: str | None) -> str | None:
    """The country of the dateline city ("MOSKWA" -> RUS), to read an unqualified "Presiden"."""
    if not dateline:
        return None
    entry = gaz.lookup(dateline) or gaz.lookup(dateline.split(",")[0].strip().title())
    return entry.country if entry is not None else None


def annotate(article: Article, use_ner: bool = True) -> Article:
    """Fill ``mentions`` and ``entities`` of ``article``."""
    gaz = gazetteer()
    text = article.text or ""
    spans = token_spans(text)
    ner = None
    tagger = _tagger() if use_ner else None
    if tagger is not None:
        ner = (tagger.spans(text, spans), tagger.name)
    mentions, entities = link(gaz, text, spans, _sentence_starts(article), ner,
                              _dateline_country(gaz, article.dateline))
    article.mentions = mentions
    article.entities = entities
    return article


def entities_stage(article: Article) -> Article:
    """Pipeline stage; ``article.meta["ner"] = False`` turns the statistical tagger off."""
    return annotate(article, use_ner=bool(article.meta.get("ner", True)))


def make_entities_stage(use_ner: bool) -> Callable[[Article], Article]:
    """A stage with the tagger forced on or off (off: dictionary and rules only)."""

    def stage(article: Article) -> Article:
        return annotate(article, use_ner=use_ner and bool(article.meta.get("ner", True)))

    stage.__name__ = "entities_stage" if use_ner else "entities_stage_no_ner"
    return stage


def actor_for(name: str) -> str | None:
    """The actor code ``name`` denotes, or None.

    A dictionary name gives its code ("Amerika Serikat" -> USA, "Kremlin" -> RUSGOV); a role with
    its country or organisation gives theirs ("Menteri Luar Negeri Rusia" -> RUSGOV, "juru
    bicara Kremlin" -> RUSGOV, "Kapolri" -> IDNCOP).
    """
    gaz = gazetteer()
    entry = gaz.lookup(name)
    if entry is not None:
        return entry.actor
    toks = tokens_of(name)
    low = [normalise(t) for t in toks]
    roles = gaz.roles.scan(toks, low)
    places = gaz.aliases.scan(toks, low)
    places = [h for h in places if h.value.type != "PER"]
    if roles:
        aff = places[0].value if places else None
        code, _ = person_actor(roles[0].value, aff.actor if aff else None,
                               aff.type if aff else None, None)
        if code:
            return code
    return places[0].value.actor if places else None


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Every role and title phrase of ``roles.tsv``, lower case ("presiden", "juru bicara")."""
    return frozenset(r.phrase.lower() for r in gazetteer().role_list)
