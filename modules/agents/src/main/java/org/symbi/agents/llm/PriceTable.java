package org.symbi.agents.llm;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Estimates what a call cost, in US dollars, from the tokens it used and list prices per million tokens.
 * Models are matched by the longest known prefix of their name (so dated versions share their family's
 * price); a model served by Ollama runs locally and costs nothing; an unknown model has no estimate.
 * Prices change: these are estimates for budgets and reports, not invoices.
 */
public final class PriceTable {
    /** Dollars per million input and output tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) {
        public double cost(long tokensIn, long tokensOut) {
            return (tokensIn * inputPerMillion + tokensOut * outputPerMillion) / 1_000_000.0;
        }
    }

    public static final PriceTable DEFAULT = new PriceTable(Map.ofEntries(
            Map.entry("gpt-5-nano", new Price(0.05, 0.40)),
            Map.entry("gpt-5-mini", new Price(0.25, 2.00)),
            Map.entry("gpt-5", new Price(1.25, 10.00)),
            Map.entry("gpt-4.1-nano", new Price(0.10, 0.40)),
            Map.entry("gpt-4.1-mini", new Price(0.40, 1.60)),
            Map.entry("gpt-4.1", new Price(2.00, 8.00)),
            Map.entry("gpt-4o-mini", new Price(0.15, 0.60)),
            Map.entry("gpt-4o", new Price(2.50, 10.00)),
            Map.entry("o4-mini", new Price(1.10, 4.40)),
            Map.entry("o3-mini", new Price(1.10, 4.40)),
            Map.entry("o3", new Price(2.00, 8.00)),
            Map.entry("claude-opus-4-5", new Price(5.00, 25.00)),
            Map.entry("claude-opus-4", new Price(15.00, 75.00)),
            Map.entry("claude-sonnet-4", new Price(3.00, 15.00)),
            Map.entry("claude-3-7-sonnet", new Price(3.00, 15.00)),
            Map.entry("claude-3-5-sonnet", new Price(3.00, 15.00)),
            Map.entry("claude-haiku-4-5", new Price(1.00, 5.00)),
            Map.entry("claude-3-5-haiku", new Price(0.80, 4.00)),
            Map.entry("claude-3-haiku", new Price(0.25, 1.25))));

    private final List<Map.Entry<String, Price>> byLongestPrefix;

    public PriceTable(Map<String, Price> prices) {
        byLongestPrefix = prices.entrySet().stream()
                .map(e -> Map.entry(e.getKey().toLowerCase(Locale.ROOT), e.getValue()))
                .sorted(Comparator.comparingInt((Map.Entry<String, Price> e) -> e.getKey().length()).reversed())
                .toList();
    }

    /** The estimated cost of a call, or empty when the model's price is unknown. */
    public OptionalDouble estimate(LlmKind kind, String model, long tokensIn, long tokensOut) {
        if (kind == LlmKind.OLLAMA) {
            return OptionalDouble.of(0);
        }
        String name = model.toLowerCase(Locale.ROOT);
        // an OpenAI-compatible gateway often prefixes the vendor: "openai/gpt-4o"
        String bare = name.substring(name.lastIndexOf('/') + 1);
        return byLongestPrefix.stream()
                .filter(e -> bare.startsWith(e.getKey()))
                .findFirst()
                .map(e -> OptionalDouble.of(e.getValue().cost(tokensIn, tokensOut)))
                .orElse(OptionalDouble.empty());
    }
}
