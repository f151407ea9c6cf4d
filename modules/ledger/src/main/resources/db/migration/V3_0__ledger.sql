-- The tamper-evident ledger (docs/ledger.md). The canonical bytes are the truth; actor, action and subject are
-- copies for filtering, and verification checks them against the canonical bytes.
CREATE TABLE ledger_entry (
    seq        BIGINT PRIMARY KEY,
    actor      VARCHAR(1000) NOT NULL,
    action     VARCHAR(1000) NOT NULL,
    subject    VARCHAR(1000) NOT NULL,
    canonical  VARBINARY(1000000) NOT NULL,
    leaf_hash  BINARY(32) NOT NULL
);

-- Hashes of the perfect subtrees whose level is a positive multiple of 4 (16, 256, 4096... leaves), so that any
-- subtree hash needs at most 8 stored hashes and proofs never rehash the whole tree.
CREATE TABLE ledger_node (
    level  INT NOT NULL,
    idx    BIGINT NOT NULL,
    hash   BINARY(32) NOT NULL,
    PRIMARY KEY (level, idx)
);

-- Every signed checkpoint, as its C2SP note text.
CREATE TABLE ledger_checkpoint (
    tree_size  BIGINT PRIMARY KEY,
    note       VARCHAR(4000) NOT NULL
);
