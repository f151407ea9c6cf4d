package org.symbi.agents.llm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Model calls made for one task. Each call becomes two trace steps: {@code llm_prompt} (the messages, the
 * provider, the response format) and {@code llm_response} (the answer, with {@code tokens_in},
 * {@code tokens_out}, {@code latency_ms} and {@code cost_usd} in its detail) — or an observation naming the
 * failure. Each call is charged to the task's budget; a call past the budget fails.
 */
public final class LlmSession {
    /** Trace steps travel in protocol frames; a long prompt is cut, with a note of how much. */
    static final int MAX_TRACE_CHARS = 64 * 1024;
    /** When a provider reports no usage, tokens are estimated from the text at about four characters each. */
    private static final int CHARS_PER_TOKEN = 4;
    static final int ATTEMPTS = 3;

    private final LlmClient client;
    private final String taskId;
    private final TaskBudget budget;
    private final TraceSink trace;

    LlmSession(LlmClient client, String taskId, TaskBudget budget, TraceSink trace) {
        this.client = client;
        this.taskId = taskId;
        this.budget = budget;
        this.trace = trace;
    }

    public String taskId() {
        return taskId;
    }

    public TaskBudget budget() {
        return budget;
    }

    public TraceSink trace() {
        return trace;
    }

    public LlmConfig config() {
        return client.config();
    }

    /** A plain-text answer. */
    public LlmReply chat(List<ChatMessage> messages) {
        return chat(messages, null);
    }

    /**
     * Asks the model.
     *
     * @param schema the JSON schema the answer must follow (structured output), or null for text
     * @throws BudgetExceededException when the task has no budget left, or this call went past it
     * @throws LlmException            when the provider fails or cannot be reached
     */
    public LlmReply chat(List<ChatMessage> messages, JsonSchema schema) {
        budget.checkAvailable(taskId);
        LlmConfig config = client.config();
        String prompt = render(messages);
        ObjectNode promptDetail = JsonNodeFactory.instance.objectNode()
                .put("provider", config.kind().wire())
                .put("base_url", config.effectiveBaseUrl())
                .put("messages", messages.size())
                .put("response_format", schema == null ? "text" : "json_schema:" + schema.name());
        record(TraceKind.LLM_PROMPT, prompt, promptDetail, config.model());

        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (schema != null) {
            request.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build());
        }
        long started = System.nanoTime();
        ChatResponse response = call(request.build());
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                : response.aiMessage().text();
        TokenUsage usage = response.tokenUsage();
        boolean reported = usage != null && usage.inputTokenCount() != null && usage.outputTokenCount() != null;
        long tokensIn = reported ? usage.inputTokenCount() : estimateTokens(prompt);
        long tokensOut = reported ? usage.outputTokenCount() : estimateTokens(text);
        String model = response.modelName() != null ? response.modelName() : config.model();
        OptionalDouble cost = client.prices().estimate(config.kind(), model, tokensIn, tokensOut);

        ObjectNode detail = JsonNodeFactory.instance.objectNode()
                .put("provider", config.kind().wire())
                .put("tokens_in", tokensIn)
                .put("tokens_out", tokensOut)
                .put("latency_ms", latency.toMillis());
        if (cost.isPresent()) {
            detail.put("cost_usd", cost.getAsDouble());
        } else {
            detail.putNull("cost_usd");
        }
        if (!reported) {
            detail.put("tokens_estimated", true);
        }
        if (response.finishReason() != null) {
            detail.put("finish_reason", response.finishReason().name().toLowerCase(Locale.ROOT));
        }
        record(TraceKind.LLM_RESPONSE, text, detail, model);
        budget.charge(taskId, tokensIn + tokensOut, cost.orElse(0));
        return new LlmReply(text, model, tokensIn, tokensOut, latency,
                cost.isPresent() ? cost.getAsDouble() : null);
    }

    /** A structured answer that passed its check, and the reply that carried it. */
    public record Answer<T>(T value, LlmReply reply, int attempt) {
    }

    /**
     * Asks for structured output and checks it. An answer that fails the check is traced as an observation
     * and sent back with its problems for a corrected one, {@code retries} times at most.
     *
     * @param noun  what is asked for, as the messages name it: "plan", "change", "review"
     * @param check reads the answer's text into a value, or names what is wrong with it
     * @throws InvalidAnswerException when no answer passed
     */
    public <T> Answer<T> ask(List<ChatMessage> messages, JsonSchema schema, String noun, int retries,
                             Function<String, Checked<T>> check) {
        List<ChatMessage> conversation = new ArrayList<>(messages);
        List<String> problems = List.of();
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            LlmReply reply = chat(conversation, schema);
            Checked<T> checked = check.apply(reply.text());
            if (checked.isValid()) {
                return new Answer<>(checked.value(), reply, attempt);
            }
            problems = checked.problems();
            String feedback = "That " + noun + " is not valid:\n- " + String.join("\n- ", problems);
            note(TraceKind.OBSERVATION, "Answer " + attempt + " rejected. " + feedback, null);
            conversation.add(AiMessage.from(reply.text()));
            conversation.add(UserMessage.from(feedback + "\nAnswer again with the whole corrected " + noun
                    + " as JSON."));
        }
        throw new InvalidAnswerException("the model gave no valid " + noun + " in " + (retries + 1)
                + " answers; the last one: " + String.join("; ", problems), problems);
    }

    /**
     * Calls the model; a failure that may pass (a server error, a rate limit, a timeout) is retried after a
     * growing wait, {@value #ATTEMPTS} attempts in all. Each failure is traced, with the key masked.
     */
    private ChatResponse call(ChatRequest request) {
        Duration wait = client.retryDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return client.model().chat(request);
            } catch (RuntimeException e) {
                String why = client.redact(String.valueOf(e.getMessage()));
                boolean again = e instanceof RetriableException && attempt < ATTEMPTS;
                record(TraceKind.OBSERVATION, "the model call failed" + (again ? " (attempt " + attempt + " of "
                        + ATTEMPTS + "; trying again in " + wait.toMillis() + " ms)" : "") + ": " + why, null,
                        client.config().model());
                if (!again) {
                    throw new LlmException("the model (" + client.config().describe() + ") failed"
                            + (attempt > 1 ? " " + attempt + " times" : "") + ": " + why);
                }
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to call the model again");
        }
    }

    /** Reports a step of the caller's own reasoning with this session's task and redaction. */
    public void note(TraceKind kind, String content, Double confidence) {
        trace.record(new TraceStep(taskId, null, kind, cut(client.redact(content)), null, null, null, confidence));
    }

    private void record(TraceKind kind, String content, ObjectNode detail, String model) {
        trace.record(new TraceStep(taskId, null, kind, cut(client.redact(content)), detail, model, null, null));
    }

    static String render(List<ChatMessage> messages) {
        return messages.stream().map(LlmSession::render).collect(Collectors.joining("\n\n"));
    }

    private static String render(ChatMessage m) {
        return switch (m) {
            case SystemMessage s -> "[system]\n" + s.text();
            case UserMessage u -> "[user]\n" + (u.hasSingleText() ? u.singleText() : u.contents().toString());
            case AiMessage a -> "[assistant]\n" + a.text();
            default -> "[" + m.type().name().toLowerCase(Locale.ROOT) + "]\n" + m;
        };
    }

    private static long estimateTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_TRACE_CHARS) {
            return text;
        }
        return text.substring(0, MAX_TRACE_CHARS) + "\n… (" + (text.length() - MAX_TRACE_CHARS) + " more characters)";
    }
}
