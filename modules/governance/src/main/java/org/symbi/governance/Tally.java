package org.symbi.governance;

import java.util.Map;

/**
 * The count of a vote.
 *
 * @param winner the option with more than half of the ballots cast, or null if none has a majority
 */
public record Tally(String voteId, Map<String, Integer> counts, int cast, int eligible, String winner, boolean closed) {
}
