package org.symbi.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** Valid example frames, one or more per message type, as a peer in another language would write them. */
final class Samples {
    /** A trust receipt signed by coder-1 (the key was made for this sample and thrown away). */
    static final String TRUST_RECEIPT = """
            {"action":"task.completed","subject":"t-42","outcome":"success",\
            "payload":{"result_sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},\
            "public_key":"u5R3Apn5kj0Et95IBhFisFOuxrS/Q8D01O3uX/mP8cA=",\
            "signature":"tBTfo/cBWeRU4i1kBlQZfn5pCFMr46bkUkbdpIepXubKVC8CR9I9vGdC+2MU9PW4B8iBfrQGjl0gqYOGG+seCw=="}""";

    private Samples() {
    }

    static String frame(String messageType, String payload) {
        return frame(messageType, payload, "");
    }

    /** A frame with the required fields, the given payload and any extra envelope fields ({@code ,"k":v...}). */
    static String frame(String messageType, String payload, String extra) {
        return """
                {"message_id":"m-1","from_agent":"coder-1","to_agent":"orchestrator","message_type":"%s",\
                "timestamp":1767225600000,"payload":%s%s}""".formatted(messageType, payload, extra);
    }

    static Map<String, String> valid() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task_request", frame("task_request", """
                {"task_id":"t-1","workflow_id":"wf-1","title":"Fix the build","description":"It fails on CI.",\
                "required_capabilities":["java","maven"],"assigned_agents":["coder-1"],"priority":"high",\
                "deadline":1767229200000,"depends_on":["t-0"],"status":"assigned","epoch":3,\
                "input":{"files":["pom.xml"],"ratio":0.25,"big":12345678901234567890,"exact":1.10}}"""));
        m.put("task_request_minimal", frame("task_request", "{\"task_id\":\"t-2\"}"));
        m.put("task_response", frame("task_response", """
                {"task_id":"t-1","epoch":3,"outcome":"failure","result":[1,"two",null],"error":"tests fail"}""",
                ",\"correlation_id\":\"m-0\",\"requires_response\":false"));
        m.put("collaboration_invite", frame("collaboration_invite",
                "{\"session\":\"s-1\",\"anything\":{\"goes\":[true]}}"));
        m.put("status_update", frame("status_update", """
                {"status":"busy","load":0.5,"active_tasks":2,"cpu_percent":180.5,"memory_bytes":104857600}"""));
        m.put("error_report", frame("error_report", """
                {"code":"stale_epoch","message":"Epoch 2 is stale; current is 3.","ref_message_id":"m-0"}"""));
        m.put("resource_lock", frame("resource_lock", """
                {"resource":"repo:symbi-core/branch:main","lease_ms":30000}"""));
        m.put("resource_release", frame("resource_release", "{\"resource\":\"file:src/App.java\"}"));
        m.put("resource_lock_reply", frame("resource_lock", """
                {"resource":"repo:symbi-core/branch:main","granted":false,"holder":"coder-2",\
                "lease_until":1767225630000,"conflict_id":"C-7","detail":"Held by coder-2."}""",
                ",\"correlation_id\":\"m-0\"").replace("\"coder-1\"", "\"orchestrator\""));
        m.put("resource_release_reply", frame("resource_release", "{\"resource\":\"r\",\"granted\":true}"));
        m.put("event", frame("event", "{\"build\":\"green\"}", ",\"topic\":\"ci.builds\""));
        m.put("register", frame("register", """
                {"agent_id":"coder-1","agent_type":"coder","tier":"specialist","capabilities":["java","c++"],\
                "repository":"symbi-core","endpoint":"wss://agents.example/coder-1",\
                "webhook_url":"https://agents.example/hook","version":"1.4.0",\
                "model":{"provider":"anthropic","name":"claude","version":"4"},"max_concurrent_tasks":3}"""));
        m.put("heartbeat", frame("heartbeat", "{\"status\":\"available\"}"));
        m.put("ack", frame("ack", "{\"delivery_ids\":[\"d-1\",\"d-2\"]}"));
        m.put("subscribe", frame("subscribe", "{\"topics\":[\"ci.builds\",\"tasks/*\"]}"));
        m.put("unsubscribe", frame("unsubscribe", "{\"topics\":[\"ci.builds\"]}"));
        m.put("trace_step", frame("trace_step", """
                {"task_id":"t-1","kind":"tool_call","content":"mvn test","detail":{"args":["-q"]},\
                "model":"claude","version":"4","confidence":0.9}"""));
        m.put("trace_step_warrant", frame("trace_step", "{\"warrant_request_id\":\"w-1\",\"kind\":\"thought\"}"));
        m.put("warrant_request", frame("warrant_request", """
                {"action":{"kind":"git.push","args":{"remote":"origin","branch":"feature/fib"}},"task_id":"t-1",\
                "reasoning":"tests pass"}"""));
        m.put("warrant_decision", frame("warrant_decision", """
                {"status":"pending","binding_hash":"%s","request_id":"r-1","quorum":"0 of 1"}""".formatted("ab".repeat(32))));
        m.put("action_report", frame("action_report", """
                {"warrant_id":"w-1","action":{"kind":"git.push","args":{"branch":"feature/fib"}},"outcome":"success",\
                "result":{"commit":"abc123"}}"""));
        m.put("all_envelope_fields", """
                {"protocol_version":"1.0","message_id":"m-9","from_agent":"orchestrator","to_agent":["a","b"],\
                "message_type":"collaboration_invite","timestamp":0,"priority":"critical","payload":{},\
                "requires_response":true,"correlation_id":"m-8","trust_receipt":""" + TRUST_RECEIPT + """
                ,"hop_count":2,"causal_chain_id":"m-1","delivery":"transient"}""");
        m.put("broadcast_with_nulls", """
                {"message_id":"m-10","from_agent":"orchestrator","to_agent":"*","message_type":"heartbeat",\
                "timestamp":5,"payload":{"status":"offline","load":null},"correlation_id":null,\
                "trust_receipt":null,"delivery":null,"topic":null}""");
        return m;
    }
}
