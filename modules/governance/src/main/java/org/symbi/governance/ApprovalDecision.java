package org.symbi.governance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One approver's signed answer to an approval request. */
public record ApprovalDecision(String requestId, String approverId, Verdict verdict, String reason,
                               String signatureBase64, Instant decidedAt) {

    /**
     * The exact bytes an approver signs: {@code symbi-approval-v1 LF requestId LF bindingHash LF verdict},
     * UTF-8, no trailing newline. The prefix keeps these signatures from being valid for anything else.
     */
    public static byte[] message(String requestId, String bindingHash, Verdict verdict) {
        return ("symbi-approval-v1\n" + requestId + "\n" + bindingHash + "\n" + verdict.name())
                .getBytes(StandardCharsets.UTF_8);
    }
}
