package org.symbi.agents.roles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import org.symbi.protocol.ModelInfo;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.sdk.AgentClient;

import java.io.IOException;

/** A model behind an OpenAI-compatible chat completions endpoint (OpenAI, Ollama's {@code /v1}, vLLM …). */
final class OpenAiCompatibleModel implements RoleModel {
    private final String name;
    private final ChatModel chat;

    OpenAiCompatibleModel(RoleSettings settings) {
        this.name = settings.modelName();
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder().baseUrl(settings.baseUrl())
                .modelName(settings.modelName()).timeout(settings.timeout()).maxRetries(1);
        if (settings.apiKey() != null) {
            b.apiKey(settings.apiKey());
        }
        this.chat = b.build();
    }

    @Override
    public ModelInfo info() {
        return new ModelInfo("openai-compatible", name, null);
    }

    @Override
    public Answer ask(AgentClient client, String taskId, String instructions, String task) throws IOException {
        client.trace(new TraceStep(taskId, null, TraceKind.LLM_PROMPT, task,
                JsonNodeFactory.instance.objectNode().put("system", instructions), name, null, null));
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = chat.chat(SystemMessage.from(instructions), UserMessage.from(task));
        } catch (RuntimeException e) {
            throw new IOException("the model " + name + " failed: " + e.getMessage(), e);
        }
        TokenUsage tokens = response.tokenUsage();
        Answer answer = new Answer(response.aiMessage().text() == null ? "" : response.aiMessage().text(),
                response.modelName() != null ? response.modelName() : name,
                tokens == null ? null : tokens.inputTokenCount(), tokens == null ? null : tokens.outputTokenCount(),
                (System.nanoTime() - started) / 1_000_000);
        ObjectNode usage = JsonNodeFactory.instance.objectNode().put("latency_ms", answer.latencyMillis())
                .put("input_tokens", answer.inputTokens()).put("output_tokens", answer.outputTokens());
        client.trace(new TraceStep(taskId, null, TraceKind.LLM_RESPONSE, answer.text(), usage, answer.model(), null,
                null));
        return answer;
    }
}
