package org.symbi.agents.roles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.Alerts;
import org.symbi.agents.BuiltInAgent;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;

import java.io.IOException;
import java.util.List;

/**
 * An agent for one of the roles a team gives its agents (documentation, testing, website content …): the
 * role's prompt, which people edit in its template, and a language model. Each task goes to the model with
 * the prompt; the model's answer is the task's result, and the prompt and answer (with tokens and time) are
 * in the task's trace. Without a model the agent says so to the room and takes no tasks, so that they wait
 * for an agent that can do them rather than get an answer nobody wrote.
 */
public final class RoleAgent implements BuiltInAgent {
    /** Raised when the role has no model to work with. */
    public static final String NO_MODEL = "model_required";

    private final RoleSettings settings;
    private final RoleModel model;

    /** @param model the role's model, or null when it has none */
    public RoleAgent(RoleSettings settings, RoleModel model) {
        this.settings = settings;
        this.model = model;
    }

    /** The role with the OpenAI-compatible model its settings name, or with none. */
    public static RoleAgent from(RoleSettings settings) {
        return new RoleAgent(settings, settings.hasModel() ? new OpenAiCompatibleModel(settings) : null);
    }

    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, settings.role(), Tier.SPECIALIST, model == null ? List.of() : settings.capabilities(),
                null, null, null, null, model == null ? null : model.info(), 1);
    }

    @Override
    public void connected(AgentClient client) {
        if (model == null) {
            Alerts.report(client, NO_MODEL, "The " + settings.role() + " agent needs a language model and none is"
                    + " configured (set SYMBI_LLM_MODEL, and SYMBI_LLM_BASE_URL for an endpoint other than OpenAI's):"
                    + " it takes no tasks, so tasks needing " + String.join(", ", settings.capabilities())
                    + " wait for an agent that can do them");
        }
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        RoleModel.Answer answer;
        try {
            answer = model.ask(client, task.taskId(), settings.prompt(), ask(task));
        } catch (IOException e) {
            client.failTask(task, e.getMessage());
            return;
        }
        if (answer.text().isBlank()) {
            client.failTask(task, "the model " + answer.model() + " gave an empty answer");
            return;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("role", settings.role())
                .put("model", answer.model()).put("answer", answer.text());
        result.putObject("usage").put("latency_ms", answer.latencyMillis()).put("input_tokens", answer.inputTokens())
                .put("output_tokens", answer.outputTokens());
        client.completeTask(task, result);
    }

    /** The task as the model reads it: title, description and input. */
    static String ask(TaskSpec task) {
        StringBuilder s = new StringBuilder("Task: ").append(task.title() == null ? task.taskId() : task.title());
        if (task.description() != null && !task.description().isBlank()) {
            s.append("\n\n").append(task.description());
        }
        if (task.input() != null && !task.input().isNull()) {
            s.append("\n\nInput (JSON):\n").append(task.input().toPrettyString());
        }
        return s.toString();
    }

    /** The {@code role} kind of {@link org.symbi.agents.AgentMain}. */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "role";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) {
            return from(RoleSettings.from(env));
        }
    }
}
