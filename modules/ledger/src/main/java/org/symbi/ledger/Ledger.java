package org.symbi.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.protocol.Ed25519;
import org.symbi.store.DataDir;
import org.symbi.store.Database;
import org.symbi.store.KeyFiles;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The tamper-evident ledger: append-only entries, a Merkle tree over them (RFC 9162), signed checkpoints,
 * receipts and proofs. Formats: docs/ledger.md.
 * <p>
 * Appends are serialized; each batch is one transaction, and the call returns only after {@link Database#sync()}
 * (concurrent appenders share syncs). The tree is kept as a compact frontier in memory, so an append costs
 * O(log n) hashes; perfect subtree hashes are stored as they complete, so proofs read O(log n) hashes.
 */
public final class Ledger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final Database db;
    private final InstantSource clock;
    private final LedgerConfig config;
    private final KeyPair keys;
    private final String origin;
    private final CheckpointFile checkpointFile;
    private final Object lock = new Object();
    /** Held while a checkpoint is stored and filed, and while verify() reads both; taken before {@code lock}. */
    private final Object checkpointing = new Object();
    private Frontier frontier;
    private SignedCheckpoint lastCheckpoint;
    /** Why appends are refused: the database does not extend the filed checkpoint. Null when all is well. */
    private final String diverged;

    private Ledger(Database db, DataDir dir, InstantSource clock, LedgerConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.keys = KeyFiles.loadOrCreate(dir.resolve("keys"), "ledger");
        this.origin = "symbi-ledger/" + Hashes.hex(Hashes.sha256(Ed25519.raw(keys.getPublic()))).substring(0, 16);
        this.checkpointFile = new CheckpointFile(dir.resolve("ledger").resolve("checkpoint.note"));
        this.frontier = db.read(c -> Frontier.of(storedSize(c), new NodeStore(c)));
        this.lastCheckpoint = db.read(this::latestStoredCheckpoint);
        this.diverged = divergence();
        if (diverged != null) {
            log.error("ledger refuses appends: {}", diverged);
        }
    }

    /** Opens the ledger in a migrated database, creating the key pair in {@code dir/keys} on first use. */
    public static Ledger open(Database db, DataDir dir, InstantSource clock) {
        return open(db, dir, clock, LedgerConfig.DEFAULTS);
    }

    public static Ledger open(Database db, DataDir dir, InstantSource clock, LedgerConfig config) {
        return new Ledger(db, dir, clock, config);
    }

    /** Records one entry; durable when this returns. */
    public LedgerEntry append(EntryDraft draft) {
        return appendBatch(List.of(draft)).getFirst();
    }

    /** Records entries in order, in one transaction and one sync; durable when this returns. */
    public List<LedgerEntry> appendBatch(List<EntryDraft> drafts) {
        // Signature checks are the slow part of an append and need no lock.
        drafts.parallelStream().filter(d -> d.countersignature() != null).forEach(d -> {
            String problem = d.countersignature().problem(d.actor(), d.action(), d.subject(), d.outcome(), d.payload());
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        });
        List<LedgerEntry> entries = new ArrayList<>(drafts.size());
        SignedCheckpoint signed = null;
        synchronized (lock) {
            if (diverged != null) {
                throw new LedgerException("the ledger refuses appends: " + diverged);
            }
            Frontier next = frontier.copy();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            boolean due = next.size() + drafts.size() - checkpointedSize() >= config.checkpointEveryEntries();
            signed = db.inTransaction(c -> {
                insert(c, drafts, next, now, entries);
                return due ? storeCheckpoint(c, next, now) : null;
            });
            frontier = next;
            if (signed != null) {
                lastCheckpoint = signed;
            }
        }
        db.sync();
        if (signed != null) {
            checkpointFile.write(signed);
        }
        return entries;
    }

    private void insert(Connection c, List<EntryDraft> drafts, Frontier tree, Instant now, List<LedgerEntry> out)
            throws SQLException {
        try (PreparedStatement entry = c.prepareStatement(
                "INSERT INTO ledger_entry (seq, actor, action, subject, canonical, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement node = c.prepareStatement("INSERT INTO ledger_node (level, idx, hash) VALUES (?, ?, ?)")) {
            List<SQLException> failed = new ArrayList<>(1);
            for (EntryDraft d : drafts) {
                long seq = tree.size();
                byte[] context = tree.root();
                byte[] canonical = EntryCodec.encode(d, seq, now, context);
                byte[] leaf = Hashes.leaf(canonical);
                entry.setLong(1, seq);
                entry.setString(2, d.actor());
                entry.setString(3, d.action());
                entry.setString(4, d.subject());
                entry.setBytes(5, canonical);
                entry.setBytes(6, leaf);
                entry.addBatch();
                tree.append(leaf, (level, idx, hash) -> {
                    if (NodeStore.stored(level)) {
                        try {
                            node.setInt(1, level);
                            node.setLong(2, idx);
                            node.setBytes(3, hash);
                            node.addBatch();
                        } catch (SQLException e) {
                            failed.add(e);
                        }
                    }
                });
                if (!failed.isEmpty()) {
                    throw failed.getFirst();
                }
                out.add(new LedgerEntry(seq, now, d.actor(), d.action(), d.subject(), d.outcome(), d.payload(),
                        Hashes.hex(context), d.countersignature(), new String(canonical, StandardCharsets.UTF_8),
                        Hashes.hex(leaf)));
            }
            entry.executeBatch();
            node.executeBatch();
        }
    }

    /** Signs the current tree now (or returns the checkpoint that already covers it); durable and filed on return. */
    public SignedCheckpoint checkpoint() {
        // The stored checkpoint and the file change together as far as verify() can see: it reads both under
        // this lock, so it never finds a checkpoint in the database whose file is not written yet.
        synchronized (checkpointing) {
            SignedCheckpoint signed;
            synchronized (lock) {
                if (lastCheckpoint != null && lastCheckpoint.treeSize() == frontier.size()) {
                    return lastCheckpoint;
                }
                if (diverged != null) {
                    // Signing a tree that does not extend the filed checkpoint would sign a fork.
                    throw new LedgerException("the ledger refuses to sign checkpoints: " + diverged);
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                signed = db.inTransaction(c -> storeCheckpoint(c, frontier, now));
                lastCheckpoint = signed;
            }
            db.sync();
            checkpointFile.write(signed);
            return signed;
        }
    }

    /** The periodic checkpoint: signs one when the interval has passed and entries were added since the last. */
    public Optional<SignedCheckpoint> tick() {
        synchronized (lock) {
            boolean grown = frontier.size() > checkpointedSize();
            boolean late = lastCheckpoint == null
                    || !clock.instant().isBefore(lastCheckpoint.time().plus(config.checkpointInterval()));
            if (!grown || !late) {
                return Optional.empty();
            }
        }
        return Optional.of(checkpoint());
    }

    private SignedCheckpoint storeCheckpoint(Connection c, Frontier tree, Instant now) throws SQLException {
        SignedCheckpoint cp = SignedCheckpoint.sign(origin, tree.size(), tree.root(), now, keys.getPrivate(), keys.getPublic());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_checkpoint (tree_size, note) VALUES (?, ?)")) {
            s.setLong(1, cp.treeSize());
            s.setString(2, cp.note());
            s.executeUpdate();
        }
        return cp;
    }

    private long checkpointedSize() {
        return lastCheckpoint == null ? 0 : lastCheckpoint.treeSize();
    }

    /** The entry with its inclusion proof in the latest checkpoint, signing a new one if none covers it yet. */
    public TrustReceipt receipt(long seq) {
        SignedCheckpoint cp;
        synchronized (lock) {
            if (seq < 0 || seq >= frontier.size()) {
                throw new IllegalArgumentException("no entry " + seq + " in a ledger of " + frontier.size());
            }
            cp = lastCheckpoint;
        }
        if (cp == null || cp.treeSize() <= seq) {
            cp = checkpoint();
        }
        SignedCheckpoint at = cp;
        return db.read(c -> {
            LedgerEntry e = entry(c, seq);
            List<String> path = MerkleTree.inclusionPath(seq, at.treeSize(), new NodeStore(c)).stream().map(Hashes::hex).toList();
            return new TrustReceipt(e.actor(), e.action(), e.time().toString(), e.contextHash(), at.signatureValue(),
                    path, e.canonicalJson(), seq, at.treeSize(), e.leafHash(), at.rootHash(), at.note());
        });
    }

    /** Proof that the tree of {@code toSize} entries extends the tree of {@code fromSize}. */
    public ConsistencyProof consistency(long fromSize, long toSize) {
        long size = size();
        if (fromSize < 0 || fromSize > toSize || toSize > size) {
            throw new IllegalArgumentException("no consistency proof from " + fromSize + " to " + toSize + " in a ledger of " + size);
        }
        return db.read(c -> {
            NodeStore store = new NodeStore(c);
            return new ConsistencyProof(fromSize, toSize, Hashes.hex(MerkleTree.root(fromSize, store)),
                    Hashes.hex(MerkleTree.root(toSize, store)),
                    MerkleTree.consistencyProof(fromSize, toSize, store).stream().map(Hashes::hex).toList());
        });
    }

    /** Verifies the whole ledger against its stored checkpoints and the checkpoint file. */
    public VerificationReport verify(LongConsumer progressEntriesChecked) {
        return verify(progressEntriesChecked, List.of());
    }

    /** As {@link #verify(LongConsumer)}, and also against checkpoints exported earlier and kept elsewhere. */
    public VerificationReport verify(LongConsumer progressEntriesChecked, List<String> exportedCheckpoints) {
        return new LedgerVerifier(db, keys.getPublic(), origin).run(checkpointFile::read, checkpointing,
                exportedCheckpoints, progressEntriesChecked);
    }

    public long size() {
        synchronized (lock) {
            return frontier.size();
        }
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** The checkpoint origin and signing key name. */
    public String origin() {
        return origin;
    }

    /** The latest signed checkpoint, to export and keep elsewhere. */
    public Optional<SignedCheckpoint> latestCheckpoint() {
        synchronized (lock) {
            return Optional.ofNullable(lastCheckpoint);
        }
    }

    public List<LedgerEntry> entries(long fromSeq, int limit) {
        return entries(fromSeq, limit, null, null, null);
    }

    /** Entries from {@code fromSeq} on, in order; a null filter matches anything. */
    public List<LedgerEntry> entries(long fromSeq, int limit, String actor, String action, String subject) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT canonical, leaf_hash FROM ledger_entry WHERE seq >= ?"
                    + " AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?) AND (? IS NULL OR subject = ?)"
                    + " ORDER BY seq LIMIT ?")) {
                s.setLong(1, fromSeq);
                int i = 2;
                for (String filter : new String[] {actor, action, subject}) {
                    s.setString(i++, filter);
                    s.setString(i++, filter);
                }
                s.setInt(i, limit);
                List<LedgerEntry> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(EntryCodec.decode(rs.getBytes(1), rs.getBytes(2)));
                    }
                }
                return out;
            }
        });
    }

    private static LedgerEntry entry(Connection c, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT canonical, leaf_hash FROM ledger_entry WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new LedgerException("entry " + seq + " is missing");
                }
                return EntryCodec.decode(rs.getBytes(1), rs.getBytes(2));
            }
        }
    }

    private static long storedSize(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq) + 1, 0) FROM ledger_entry");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private SignedCheckpoint latestStoredCheckpoint(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT note FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? SignedCheckpoint.parse(rs.getString(1), keys.getPublic()) : null;
        } catch (IllegalArgumentException e) {
            log.error("the latest stored checkpoint is damaged ({}); run ledger verification", e.getMessage());
            return null;
        }
    }

    /** A quick check at open (O(log n) reads) that the database still extends the filed checkpoint. */
    private String divergence() {
        String note = checkpointFile.read();
        if (note == null) {
            return null;
        }
        try {
            SignedCheckpoint filed = SignedCheckpoint.parse(note, keys.getPublic());
            if (filed.treeSize() > frontier.size()) {
                return "the checkpoint file covers " + filed.treeSize() + " entries but the database has " + frontier.size();
            }
            byte[] root = db.read(c -> MerkleTree.root(filed.treeSize(), new NodeStore(c)));
            return Hashes.hex(root).equals(filed.rootHash()) ? null
                    : "the tree of " + filed.treeSize() + " entries no longer has the root in the checkpoint file";
        } catch (IllegalArgumentException | LedgerException e) {
            return "the checkpoint file does not verify: " + e.getMessage();
        }
    }

    /** Signs a last checkpoint so that the filed one covers every entry. The database stays open: it is the caller's. */
    @Override
    public void close() {
        if (diverged == null && size() > checkpointedSize()) {
            checkpoint();
        }
    }
}
