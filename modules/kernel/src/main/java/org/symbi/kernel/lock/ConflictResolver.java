package org.symbi.kernel.lock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The rules that pick a winner; no state, no database, so each rule reads as it is specified. */
final class ConflictResolver {
    private ConflictResolver() {
    }

    /** A winner (null when nobody is left) and the sentence that explains it. */
    record Decision(String winner, String reason) {
    }

    /**
     * The highest priority wins. On a tie at the top the holder keeps the resource; without the holder among
     * the tied, the one that asked first wins (parties are in the order they joined).
     */
    static Decision byPriority(List<Party> parties, String holder) {
        if (parties.isEmpty()) {
            return new Decision(null, "nobody is waiting for it");
        }
        Party best = parties.getFirst();
        for (Party p : parties) {
            int cmp = Integer.compare(p.priority().lane(), best.priority().lane());
            if (cmp < 0 || cmp == 0 && p.agentId().equals(holder)) {
                best = p;
            }
        }
        Party winner = best;
        long tied = parties.stream().filter(p -> p.priority() == winner.priority()).count();
        String at = winner.priority().wire();
        if (winner.agentId().equals(holder)) {
            return new Decision(holder, tied > 1
                    ? "tie at " + at + ": holder " + holder + " keeps it"
                    : "holder " + holder + " keeps it: " + at + " outranks every contender");
        }
        Party held = parties.stream().filter(p -> p.agentId().equals(holder)).findFirst().orElse(null);
        if (held != null) {
            return new Decision(winner.agentId(), winner.agentId() + " at " + at + " outranks holder " + holder
                    + " at " + held.priority().wire());
        }
        return new Decision(winner.agentId(), tied > 1
                ? "tie at " + at + ": " + winner.agentId() + " asked first"
                : winner.agentId() + " has the highest priority (" + at + ")");
    }

    /** The choice more than half of the eligible voters made, or null while there is none. */
    static Decision majority(List<Vote> votes, Set<String> voters) {
        Map<String, Long> tally = tally(votes);
        for (Map.Entry<String, Long> e : tally.entrySet()) {
            if (e.getValue() * 2 > voters.size()) {
                return new Decision(e.getKey(), "majority vote: " + e.getKey() + " has " + e.getValue() + " of "
                        + voters.size() + " eligible votes");
            }
        }
        return null;
    }

    /** The choice with the most votes cast, or null when no vote was cast or the top is tied. */
    static Decision plurality(List<Vote> votes) {
        Map<String, Long> tally = tally(votes);
        long top = tally.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<String> leaders = tally.entrySet().stream().filter(e -> e.getValue() == top).map(Map.Entry::getKey).toList();
        if (top == 0 || leaders.size() > 1) {
            return null;
        }
        return new Decision(leaders.getFirst(), "plurality of the votes cast at the timeout (" + describe(tally) + ")");
    }

    static String describe(Map<String, Long> tally) {
        return tally.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    static Map<String, Long> tally(List<Vote> votes) {
        Map<String, Long> tally = new LinkedHashMap<>();
        votes.forEach(v -> tally.merge(v.choice(), 1L, Long::sum));
        return tally;
    }
}
