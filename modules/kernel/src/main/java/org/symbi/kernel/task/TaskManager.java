package org.symbi.kernel.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.guard.Guards;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskResult;
import org.symbi.store.Database;

import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Tasks and workflows: creation, routing, assignment epochs, retries, timeouts, reassignment. */
public final class TaskManager {
    public TaskManager(Database db, ObjectMapper json, KernelConfig config, InstantSource clock, EventStream events,
                       AgentRegistry registry, Guards guards, Function<Envelope, CompletableFuture<SendResult>> dispatcher) {
    }

    public void onResult(String agentId, TaskResult result) {
        throw new UnsupportedOperationException("not built yet");
    }

    public void onAgentOffline(String agentId) {
    }

    public void tick() {
    }
}
