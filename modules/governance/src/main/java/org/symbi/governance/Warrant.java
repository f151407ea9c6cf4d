package org.symbi.governance;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A grant to one agent to perform actions within a scope, under constraints. Counters change under the
 * warrant's own lock so that concurrent authorizations never overspend it.
 */
public final class Warrant {
    public enum Status { ACTIVE, EXPIRED, REVOKED, EXHAUSTED, ENDED }

    private final String id;
    private final String agentId;
    private final WarrantTerms terms;
    private final Instant issuedAt;
    private final String planId;
    private final String phase;
    private final List<Glob> kinds;
    private final List<Glob> repositories;
    private final List<Glob> branches;
    private final List<Glob> paths;
    private final List<Glob> environments;
    private final Set<String> openTasks = ConcurrentHashMap.newKeySet();
    /** Bindings allowed and not yet executed: what {@code verifyBinding} accepts. */
    private final Set<String> allowedBindings = ConcurrentHashMap.newKeySet();

    private volatile Status status;
    private volatile String endReason;
    private int uses;
    private int usesReserved;
    private long spent;
    private boolean dirty;

    Warrant(String id, String agentId, WarrantTerms terms, Instant issuedAt, String planId, String phase,
            Set<String> openTasks, Status status, String endReason, int uses, int usesReserved, long spent) {
        this.id = id;
        this.agentId = agentId;
        this.terms = terms;
        this.issuedAt = issuedAt;
        this.planId = planId;
        this.phase = phase;
        this.openTasks.addAll(openTasks);
        this.status = status;
        this.endReason = endReason;
        this.uses = uses;
        this.usesReserved = usesReserved;
        this.spent = spent;
        WarrantScope s = terms.scope();
        this.kinds = Glob.all(s.kinds());
        this.repositories = Glob.all(s.repositories());
        this.branches = Glob.all(s.branches());
        this.paths = Glob.all(s.paths());
        this.environments = Glob.all(s.environments());
    }

    public String id() {
        return id;
    }

    public String agentId() {
        return agentId;
    }

    public WarrantTerms terms() {
        return terms;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    /** The plan whose phase it was issued for, or null. */
    public String planId() {
        return planId;
    }

    public String phase() {
        return phase;
    }

    public Status status() {
        return status;
    }

    public String endReason() {
        return endReason;
    }

    public Set<String> openTasks() {
        return Set.copyOf(openTasks);
    }

    public synchronized int uses() {
        return uses;
    }

    public synchronized long spent() {
        return spent;
    }

    /** Why this warrant cannot be used now, or null if it can. */
    synchronized String unusableReason(Instant now) {
        if (status != Status.ACTIVE) {
            return "warrant " + id + " is " + status.name().toLowerCase();
        }
        if (!now.isBefore(terms.expiresAt())) {
            return "warrant " + id + " has expired";
        }
        if (terms.maxUses() > 0 && uses >= terms.maxUses()) {
            return "warrant " + id + " has no uses left";
        }
        if (terms.budget() > 0 && spent >= terms.budget()) {
            return "warrant " + id + " has no budget left";
        }
        if (!terms.tasks().isEmpty() && openTasks.isEmpty()) {
            return "warrant " + id + " ended with its tasks";
        }
        return null;
    }

    /** Whether the action falls inside the scope (kind, resources, task). */
    boolean covers(GatedAction a) {
        if (!anyKind(a.kind())
                || !constrained(repositories, a.repository())
                || !constrained(branches, a.branch())
                || !constrained(environments, a.environment())) {
            return false;
        }
        if (!terms.tasks().isEmpty() && (a.taskId() == null || !openTasks.contains(a.taskId()))) {
            return false;
        }
        if (paths.isEmpty()) {
            return true;
        }
        List<String> touched = a.paths();
        return !touched.isEmpty() && touched.stream().allMatch(p -> Glob.anyMatches(paths, p));
    }

    private boolean anyKind(String kind) {
        for (Glob g : kinds) {
            if (g.matches(kind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean constrained(List<Glob> globs, String value) {
        return globs.isEmpty() || (value != null && Glob.anyMatches(globs, value));
    }

    /**
     * Takes one use if the warrant is still usable. Returns the number of uses that must be reserved durably
     * before the use counts (0 if the reservation already covers it), or -1 if the warrant is unusable.
     */
    synchronized int tryUse(Instant now, String binding) {
        if (unusableReason(now) != null) {
            return -1;
        }
        uses++;
        dirty = true;
        allowedBindings.add(binding);
        if (terms.maxUses() > 0 && uses > usesReserved) {
            // Reserve ahead, doubling, so a busy warrant touches the disk only a logarithmic number of times.
            usesReserved = Math.min(terms.maxUses(), uses + Math.max(8, uses));
            return usesReserved;
        }
        return 0;
    }

    synchronized void spend(long amount) {
        spent += amount;
        dirty = true;
    }

    /** Whether the warrant has a budget and it is spent. */
    synchronized boolean budgetSpent() {
        return terms.budget() > 0 && spent >= terms.budget();
    }

    /** Whether the warrant is scoped to this task and the task is still open. */
    boolean scopedTo(String taskId) {
        return openTasks.contains(taskId);
    }

    boolean hasAllowed(String binding) {
        return allowedBindings.contains(binding);
    }

    boolean hasPendingExecutions() {
        return !allowedBindings.isEmpty();
    }

    boolean executed(String binding) {
        return allowedBindings.remove(binding);
    }

    /** Removes an ended task; true if that was the last one the warrant was scoped to. */
    boolean endTask(String taskId) {
        return openTasks.remove(taskId) && openTasks.isEmpty();
    }

    /** Ends an active warrant; false if it had ended already, so that an ending is recorded once. */
    synchronized boolean end(Status newStatus, String reason) {
        if (status != Status.ACTIVE) {
            return false;
        }
        status = newStatus;
        endReason = reason;
        return true;
    }

    /** The counters to persist, if they changed since the last call; null otherwise. */
    synchronized int[] takeDirtyCounts() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        return new int[]{uses, usesReserved};
    }

    synchronized int usesReserved() {
        return usesReserved;
    }
}
