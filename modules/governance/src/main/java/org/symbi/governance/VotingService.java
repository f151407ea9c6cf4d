package org.symbi.governance;

import org.symbi.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Votes on conflicts the kernel escalates: agents and people vote once each, the option with more than half
 * of the ballots wins, and the result is recorded. A vote closes at its deadline or when everyone has voted.
 */
public final class VotingService {
    private final Database db;
    private final ApproverRegistry approvers;
    private final Set<String> voterGroups;
    private final InstantSource clock;
    private final AuditTrail audit;
    private final List<GovernanceListener> listeners = new CopyOnWriteArrayList<>();

    /** @param voterGroups the approver groups whose members vote on conflicts besides the agents involved */
    public VotingService(Database db, ApproverRegistry approvers, Set<String> voterGroups, InstantSource clock,
                         AuditTrail audit) {
        this.db = db;
        this.approvers = approvers;
        this.voterGroups = Set.copyOf(voterGroups);
        this.clock = clock;
        this.audit = audit;
    }

    public void addListener(GovernanceListener listener) {
        listeners.add(listener);
    }

    /** Who votes on a conflict: the agents involved and the people in the voter groups. */
    public Set<String> eligibleVoters(String conflictId, Set<String> involvedAgents) {
        Set<String> out = new LinkedHashSet<>(involvedAgents);
        approvers.inGroups(voterGroups).forEach(a -> out.add(a.id()));
        return out;
    }

    public synchronized String open(String conflictId, String question, List<String> options, Set<String> eligible,
                                    Duration openFor) {
        if (options.size() < 2 || eligible.isEmpty()) {
            throw new IllegalArgumentException("a vote needs two options and at least one voter");
        }
        String id = "v-" + UUID.randomUUID();
        Instant now = clock.instant();
        db.inTransaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO gov_vote VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', NULL)")) {
                ins.setString(1, id);
                ins.setString(2, conflictId);
                ins.setString(3, question);
                ins.setString(4, Json.write(options));
                ins.setString(5, Json.write(eligible));
                ins.setLong(6, now.toEpochMilli());
                ins.setLong(7, now.plus(openFor).toEpochMilli());
                return ins.executeUpdate();
            }
        });
        audit.record("room", "vote.open", id, "open", Json.object().put("conflict", conflictId).put("question", question)
                .put("options", String.join(",", options)).put("eligible", String.join(",", eligible)));
        listeners.forEach(l -> l.voteOpened(id, conflictId));
        return id;
    }

    /** Casts a ballot; a voter's second ballot is refused. Returns the tally after it. */
    public synchronized Tally cast(String voteId, String voterId, String choice) {
        VoteRow v = row(voteId);
        if (!v.status.equals("OPEN") || !clock.instant().isBefore(v.closesAt)) {
            throw new IllegalStateException("vote " + voteId + " is closed");
        }
        if (!v.eligible.contains(voterId)) {
            throw new IllegalArgumentException(voterId + " may not vote on " + voteId);
        }
        if (!v.options.contains(choice)) {
            throw new IllegalArgumentException("'" + choice + "' is not an option of " + voteId);
        }
        if (ballots(voteId).containsKey(voterId)) {
            throw new IllegalStateException(voterId + " has already voted on " + voteId);
        }
        db.inTransaction(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO gov_ballot VALUES (?, ?, ?, ?)")) {
                ins.setString(1, voteId);
                ins.setString(2, voterId);
                ins.setString(3, choice);
                ins.setLong(4, clock.millis());
                return ins.executeUpdate();
            }
        });
        audit.record(voterId, "vote.cast", voteId, choice, null);
        Tally t = tally(voteId);
        return t.cast() == t.eligible() ? close(voteId) : t;
    }

    public Tally tally(String voteId) {
        VoteRow v = row(voteId);
        Map<String, Integer> counts = new LinkedHashMap<>();
        v.options.forEach(o -> counts.put(o, 0));
        Map<String, String> ballots = ballots(voteId);
        ballots.values().forEach(choice -> counts.merge(choice, 1, Integer::sum));
        String winner = counts.entrySet().stream().filter(e -> e.getValue() * 2 > ballots.size())
                .map(Map.Entry::getKey).findFirst().orElse(null);
        return new Tally(voteId, counts, ballots.size(), v.eligible.size(), winner, !v.status.equals("OPEN"));
    }

    /** Closes a vote and records its result (no majority is a result too). */
    public synchronized Tally close(String voteId) {
        Tally open = tally(voteId);
        if (open.closed()) {
            return open;
        }
        String result = open.winner() == null ? "no-majority" : open.winner();
        db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE gov_vote SET status = 'CLOSED', result = ? WHERE id = ?")) {
                up.setString(1, result);
                up.setString(2, voteId);
                return up.executeUpdate();
            }
        });
        Tally t = tally(voteId);
        audit.record("room", "vote.close", voteId, result, Json.MAPPER.valueToTree(t.counts()));
        listeners.forEach(l -> l.voteClosed(voteId, t));
        return t;
    }

    /** Closes votes past their deadline; from the room's tick. */
    public void tick() {
        List<String> due = db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM gov_vote WHERE status = 'OPEN' AND closes_at <= ?")) {
                q.setLong(1, clock.millis());
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
        due.forEach(this::close);
    }

    private record VoteRow(List<String> options, Set<String> eligible, Instant closesAt, String status) {
    }

    private VoteRow row(String voteId) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT options_json, eligible_json, closes_at, status FROM gov_vote WHERE id = ?")) {
                q.setString(1, voteId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no vote " + voteId);
                    }
                    return new VoteRow(Json.readList(rs.getString(1)), Json.readSet(rs.getString(2)),
                            Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4));
                }
            }
        });
    }

    private Map<String, String> ballots(String voteId) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT voter_id, choice FROM gov_ballot WHERE vote_id = ?")) {
                q.setString(1, voteId);
                Map<String, String> out = new LinkedHashMap<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }
}
