"""The SQLite schema, as a list of migrations applied in order.

Each migration is one SQL script; the store records how many it has applied
in ``meta.schema_version`` and applies the missing ones in one transaction on
open, so an old store file is upgraded in place and a half-applied upgrade
never exists.

Choices the queries depend on:

* ``article.n`` is an explicit integer key so the external-content FTS index
  keeps pointing at the right rows after a VACUUM; ``article.id`` (the content
  hash) is the public key. The JSON column holds every layer but the text.
* ``event_actor`` holds one row per event and per block prefix of each of its
  actor codes (RUS, RUSGOV), clustered on (actor, date, event): "events of RUS
  between two dates, newest first" is a single index range read backwards.
* Indexes are few on purpose: each one costs every ``add``. A code filter
  reads ``event_root`` (the two-digit root) and checks the full code there;
  mentions are clustered by article, with one index by entity.
* Entity mention and article counts are kept on the entity row (incremented by
  ``add``, decremented by a trigger when an article is deleted), so listing the
  most reported entities needs no aggregation over all mentions.
"""

from __future__ import annotations

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE article (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT, url TEXT, outlet TEXT, title TEXT, dateline TEXT, published TEXT, lang TEXT,
    text TEXT NOT NULL,
    json TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX article_published ON article (published);
CREATE INDEX article_outlet ON article (outlet COLLATE NOCASE, published);

CREATE VIRTUAL TABLE article_fts USING fts5 (
    title, text, content='article', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO article_fts (article_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

CREATE TABLE entity (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT, actor TEXT, role TEXT, affiliation TEXT, wikidata TEXT, "by" TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entity_articles ON entity (articles DESC, mentions DESC);
CREATE INDEX entity_type ON entity (type, articles DESC);
CREATE INDEX entity_name ON entity (name COLLATE NOCASE);

CREATE TABLE mention (
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entity (id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, "by" TEXT,
    PRIMARY KEY (article_id, entity_id, start, "end")
) WITHOUT ROWID;
CREATE INDEX mention_entity ON mention (entity_id, article_id);

CREATE TABLE quote (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, text TEXT, kind TEXT, cue TEXT,
    speaker_entity TEXT, speaker_name TEXT, "by" TEXT, date TEXT
);
CREATE INDEX quote_date ON quote (date);
CREATE INDEX quote_article ON quote (article_id);

CREATE TABLE event (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    date TEXT, date_end TEXT, code TEXT, root TEXT, quad INTEGER, goldstein REAL, plover TEXT,
    source_actor TEXT, source_name TEXT, source_entity TEXT,
    target_actor TEXT, target_name TEXT, target_entity TEXT,
    place TEXT, start INTEGER, "end" INTEGER, "by" TEXT, sentence TEXT
);
CREATE INDEX event_date ON event (date);
CREATE INDEX event_root ON event (root, date);
CREATE INDEX event_article ON event (article_id);

CREATE TABLE event_actor (
    actor TEXT NOT NULL,
    date TEXT NOT NULL,
    event INTEGER NOT NULL REFERENCES event (n) ON DELETE CASCADE,
    role TEXT NOT NULL,
    code TEXT,
    PRIMARY KEY (actor, date, event)
) WITHOUT ROWID;
CREATE INDEX event_actor_event ON event_actor (event);

CREATE TABLE item_error (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    stage TEXT,
    message TEXT NOT NULL,
    run TEXT,
    at TEXT NOT NULL,
    UNIQUE (source, message)
);

CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
    INSERT INTO article_fts (rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, text)
    VALUES ('delete', old.n, old.title, old.text);
END;
CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN
    INSERT INTO article_fts (article_fts, rowid, title, text)
    VALUES ('delete', old.n, old.title, old.text);
    INSERT INTO article_fts (rowid, title, text) VALUES (new.n, new.title, new.text);
END;
CREATE TRIGGER article_entity_counts BEFORE DELETE ON article BEGIN
    UPDATE entity SET
        mentions = mentions - (SELECT count(*) FROM mention m
                               WHERE m.article_id = old.id AND m.entity_id = entity.id),
        articles = articles - 1
    WHERE id IN (SELECT entity_id FROM mention WHERE article_id = old.id);
END;
"""

# Every key of event_actor, so that a prefix off a block boundary ("US") expands
# to the few keys it covers (USA) and each is read as an index range.
V2 = """
CREATE TABLE actor_key (key TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO actor_key (key) SELECT DISTINCT actor FROM event_actor;
"""

MIGRATIONS: list[str] = [V1, V2]
VERSION = len(MIGRATIONS)
