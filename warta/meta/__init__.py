"""Metadata stage: outlet, dateline, publication date and cited sources.

Input metadata wins where present (a dump's date column, an outlet column);
the text and the URL fill the rest. The dateline prefix is cut from the clean
text, so the first sentence starts with the story.
"""

from __future__ import annotations

from ..article import Article, Removal, content_id
from ..clean import implied_outlet
from ..lang.detect import detect
from . import outlet as outlets
from .cited import find_cited
from .dateline import city_from_url, find_dateline
from .dates import publication_date


def meta_stage(article: Article) -> Article:
    o = outlets.from_url(article.url) or outlets.from_name(article.outlet)
    dl = find_dateline(article.text)
    if dl is not None:
        city = dl.city or city_from_url(article.url)
        if city is not None:
            article.dateline = city.name
            article.meta["dateline"] = {"english": city.english, "country": city.country,
                                        "by": "rules:dateline" if dl.city else "rules:dateline-url"}
        if o is None and dl.outlet_marker:
            o = outlets.from_text(dl.outlet_marker)
        article.removed.append(Removal(article.text[: dl.end].strip(), "dateline"))
        article.text = article.text[dl.end :]
    if o is None:
        o = outlets.from_text(article.text[:200])
    if o is None:
        key = implied_outlet(article.removed)
        o = outlets.by_key(key) if key else None
    if o is not None:
        article.outlet = o.name
    if not article.published:
        found, how, evidence = publication_date(article.text, article.url)
        if found:
            article.published = found.isoformat()
            article.meta["published_by"] = how
            if evidence:
                article.meta["published_evidence"] = evidence
    article.lang, confidence = detect(article.text)
    article.meta["lang_confidence"] = round(confidence, 3)
    cited = find_cited(article.text)
    article.cited = [c["name"] for c in cited]
    if cited:
        article.meta["cited_spans"] = cited
    if not article.id:
        article.id = content_id(article.text, article.url)
    return article
