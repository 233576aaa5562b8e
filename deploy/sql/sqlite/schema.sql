-- RunRun.Actors storage schema for SQLite.
-- Applied by the silo at every start-up, so every statement must be idempotent.
-- A grain id is stored as its "type/key" text; grain_hash is its StableHash, by which silos split ranges.

-- A cleared state keeps its row with a NULL payload and a bumped etag, so a writer holding an
-- ETag from before the clear still conflicts.
CREATE TABLE IF NOT EXISTS grain_state (
    state_name TEXT    NOT NULL,
    grain_id   TEXT    NOT NULL,
    grain_hash INTEGER NOT NULL,
    etag       INTEGER NOT NULL,
    payload    BLOB    NULL,
    PRIMARY KEY (state_name, grain_id)
);

-- The primary key is what makes two activations of one grain unable to both append sequence n.
CREATE TABLE IF NOT EXISTS journal_events (
    grain_id TEXT    NOT NULL,
    seq      INTEGER NOT NULL,
    payload  BLOB    NOT NULL,
    PRIMARY KEY (grain_id, seq)
);

CREATE TABLE IF NOT EXISTS journal_snapshots (
    grain_id TEXT    NOT NULL PRIMARY KEY,
    version  INTEGER NOT NULL,
    payload  BLOB    NOT NULL
);

-- start_at is unix time in milliseconds.
CREATE TABLE IF NOT EXISTS reminders (
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      INTEGER NOT NULL,
    period_ms     INTEGER NOT NULL,
    etag          INTEGER NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
);

-- No index on grain_hash. Hashes are random, so such an index took a write to a random page for
-- every reminder registered: about ten pages of every group commit in a sale, and a third of the
-- commit's time. A silo reads its range only at start-up and every refresh period, and one SQLite
-- file serves one machine, so that read scans the table instead. Files made before this drop it.
DROP INDEX IF EXISTS ix_reminders_grain_hash;
