package org.symbi.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A room's governance over one database, a manual clock and an in-memory audit trail. */
final class Fixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    record Entry(String actor, String action, String subject, String outcome, JsonNode payload) {
    }

    static final class Trail implements AuditTrail {
        final List<Entry> entries = new ArrayList<>();

        @Override
        public synchronized void record(String actor, String action, String subject, String outcome, JsonNode payload) {
            entries.add(new Entry(actor, action, subject, outcome, payload));
        }

        synchronized List<String> actions() {
            return entries.stream().map(Entry::action).toList();
        }
    }

    final Path dir;
    final ManualClock clock;
    final Trail audit = new Trail();
    final Database db;
    final PolicyStore policies;
    final ApproverRegistry approvers;
    final Governance governance;

    Fixture(Path dir, String dbName, ManualClock clock) {
        this.dir = dir;
        this.clock = clock;
        this.db = Database.open(new DataDir(dir.resolve(dbName)));
        this.policies = new PolicyStore(dir.resolve("policies"));
        this.approvers = new ApproverRegistry(db, audit);
        this.governance = new Governance(db, policies, approvers, clock, audit);
    }

    Fixture(Path dir, String dbName) {
        this(dir, dbName, new ManualClock());
    }

    /** Registers alice and bob (maintainers) and carol (release manager) at this room. */
    Fixture withApprovers() {
        approvers.registerLocal(dir.resolve("keys"), "alice", "Alice", Set.of("maintainers"));
        approvers.registerLocal(dir.resolve("keys"), "bob", "Bob", Set.of("maintainers"));
        approvers.registerLocal(dir.resolve("keys"), "carol", "Carol", Set.of("release-managers", "owners"));
        return this;
    }

    Warrant warrant(String agent, WarrantScope scope) {
        return governance.issueWarrant(agent, new WarrantTerms(scope, clock.instant().plus(Duration.ofDays(1)), 0, 0, Set.of()), "alice");
    }

    static GatedAction action(String kind, String json) {
        return new GatedAction(kind, (ObjectNode) tree(json), null, "because", null);
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        governance.close();
        db.close();
    }
}
