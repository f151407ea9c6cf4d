package org.symbi.agents.llm;

import java.time.Duration;

/**
 * What a model answered, and what it took.
 *
 * @param costUsd the estimated cost, or null when the model's price is unknown
 */
public record LlmReply(String text, String model, long tokensIn, long tokensOut, Duration latency, Double costUsd) {
}
