package org.symbi.app.ui.ledger;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.LedgerEntry;
import org.symbi.ledger.SignedCheckpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's entries a page at a time, filtered by actor, action and subject; whole-ledger verification
 * ({@link LedgerVerification}); trust receipts of single entries written to files; where the ledger's public
 * key is and its latest signed checkpoint. While the last page is shown, new entries are added as they come.
 */
public final class LedgerViewModel {
    /** Entries per page; the table is virtualized, the page bounds what is held in memory. */
    static final int PAGE_SIZE = 1000;
    /** How often the ledger's size and checkpoint (and a running verification's progress) are sampled. */
    static final Duration SAMPLE_EVERY = Duration.ofMillis(250);

    /** The filters of the page shown; null matches anything. */
    private record Filters(String actor, String action, String subject) {
    }

    /** What each sample reads: cheap, in-memory state of the ledger. */
    private record Sample(long size, Optional<SignedCheckpoint> checkpoint) {
    }

    private final RoomFeed feed;
    private final Ledger ledger;
    private final LedgerVerification verification;
    private final Path publicKeyFile;
    private final ObservableList<LedgerRow> rows = FXCollections.observableArrayList();
    private final StringProperty actorFilter = new SimpleStringProperty("");
    private final StringProperty actionFilter = new SimpleStringProperty("");
    private final StringProperty subjectFilter = new SimpleStringProperty("");
    private final ObjectProperty<LedgerRow> selectedRow = new SimpleObjectProperty<>();
    private final ReadOnlyLongWrapper size = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("Reading the ledger…");
    private final ReadOnlyStringWrapper checkpointText = new ReadOnlyStringWrapper("No checkpoint signed yet");
    private final ReadOnlyStringWrapper checkpointNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty hasNext = new SimpleBooleanProperty();
    private final BooleanProperty hasPrevious = new SimpleBooleanProperty();
    private final Command applyFilters = Command.of(this::applyFilters);
    private final Command clearFilters = Command.of(this::clearFilters);
    private final Command firstPage = Command.of(this::firstPage);
    private final Command previousPage = Command.of(this::previousPage, hasPrevious);
    private final Command nextPage = Command.of(this::nextPage, hasNext);
    private final Command latestPage = Command.of(this::latestPage);
    private final Deque<Long> earlierStarts = new ArrayDeque<>();
    private Filters applied = new Filters(null, null, null);
    private long pageStart;
    private long pageLoads;
    /** Ledger size when the page (or its tail) was last read: the tail is read again only when it grew. */
    private long readUpTo = -1;
    private boolean tailReading;

    public LedgerViewModel(RoomContext context) {
        this.feed = context.feed();
        this.ledger = context.kernel().ledger();
        this.verification = new LedgerVerification(feed, ledger);
        this.publicKeyFile = context.room().dataDir().resolve("keys").resolve("ledger.pub");
        feed.every(SAMPLE_EVERY, () -> new Sample(ledger.size(), ledger.latestCheckpoint()), this::sampled);
        feed.onResync(() -> loadPage(pageStart, null));
        latestPage();
    }

    // --- paging and filters ---------------------------------------------------------------------------------

    private void applyFilters() {
        applied = new Filters(blankToNull(actorFilter.get()), blankToNull(actionFilter.get()),
                blankToNull(subjectFilter.get()));
        latestPage();
    }

    private void clearFilters() {
        actorFilter.set("");
        actionFilter.set("");
        subjectFilter.set("");
        applyFilters();
    }

    private void firstPage() {
        earlierStarts.clear();
        loadPage(0, null);
    }

    private void latestPage() {
        earlierStarts.clear();
        // The size is read in the background: the ledger's lock is held while it appends.
        long load = ++pageLoads;
        feed.submit(ledger::size, n -> {
            if (load == pageLoads) {
                loadPage(Math.max(0, n - PAGE_SIZE), null);
            }
        }, this::readFailed);
    }

    private void nextPage() {
        earlierStarts.push(pageStart);
        loadPage(rows.getLast().seq() + 1, null);
    }

    private void previousPage() {
        loadPage(earlierStarts.isEmpty() ? Math.max(0, pageStart - PAGE_SIZE) : earlierStarts.pop(), null);
    }

    /** Shows the page that starts at entry {@code seq}, without filters, with that entry selected. */
    public void showEntry(long seq) {
        actorFilter.set("");
        actionFilter.set("");
        subjectFilter.set("");
        applied = new Filters(null, null, null);
        earlierStarts.clear();
        loadPage(seq, seq);
    }

    private void loadPage(long from, Long select) {
        long load = ++pageLoads;
        Filters f = applied;
        feed.submit(() -> new Page(ledger.size(), ledger.entries(from, PAGE_SIZE, f.actor(), f.action(), f.subject())),
                page -> {
                    if (load != pageLoads) {
                        return;
                    }
                    pageStart = from;
                    readUpTo = page.sizeBefore();
                    rows.setAll(page.entries().stream().map(LedgerRow::of).toList());
                    selectedRow.set(select == null ? null
                            : rows.stream().filter(r -> r.seq() == select).findFirst().orElse(null));
                    updatePaging();
                }, this::readFailed);
    }

    /** Entries read with the ledger's size taken first, so none added meanwhile is missed by the tail. */
    private record Page(long sizeBefore, List<LedgerEntry> entries) {
    }

    private void sampled(Sample sample) {
        size.set(sample.size());
        sample.checkpoint().ifPresentOrElse(cp -> {
            checkpointText.set("Latest signed checkpoint: " + cp.treeSize() + " entries, root "
                    + cp.rootHash().substring(0, LedgerRow.HASH_PREFIX) + "…, signed " + cp.time());
            checkpointNote.set(cp.note());
        }, () -> checkpointText.set("No checkpoint signed yet"));
        verification.sample();
        if (rows.size() < PAGE_SIZE && readUpTo >= 0 && sample.size() > readUpTo && !tailReading) {
            readTail();
        }
        updatePaging();
    }

    /** The last page is shown and the ledger grew: add what came since, up to a full page. */
    private void readTail() {
        long load = pageLoads;
        long from = rows.isEmpty() ? pageStart : rows.getLast().seq() + 1;
        int room = PAGE_SIZE - rows.size();
        Filters f = applied;
        tailReading = true;
        feed.submit(() -> new Page(ledger.size(), ledger.entries(from, room, f.actor(), f.action(), f.subject())),
                page -> {
                    tailReading = false;
                    if (load == pageLoads) {
                        readUpTo = page.sizeBefore();
                        rows.addAll(page.entries().stream().map(LedgerRow::of).toList());
                        updatePaging();
                    }
                }, failure -> {
                    tailReading = false;
                    readFailed(failure);
                });
    }

    private void updatePaging() {
        long known = Math.max(readUpTo, size.get());
        hasNext.set(rows.size() >= PAGE_SIZE && rows.getLast().seq() + 1 < known);
        hasPrevious.set(pageStart > 0);
        String of = size.get() < 0 ? "" : " of " + size.get();
        if (rows.isEmpty()) {
            pageText.set(applied.equals(new Filters(null, null, null)) ? "No entries from #" + pageStart + of
                    : "No entries from #" + pageStart + " match the filters");
        } else {
            pageText.set("Entries #" + rows.getFirst().seq() + "–#" + rows.getLast().seq() + of
                    + (rows.size() < rows.getLast().seq() - rows.getFirst().seq() + 1 ? " (" + rows.size() + " match)" : ""));
        }
    }

    private void readFailed(Throwable failure) {
        message.set("The ledger could not be read: " + failure.getMessage());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // --- receipts ----------------------------------------------------------------------------------------

    /**
     * Writes the trust receipt of the selected entry to {@code file}, in the same JSON as {@code symbi ledger
     * prove}; the message says where it went and how to check it offline.
     */
    public void exportReceipt(Path file) {
        LedgerRow row = selectedRow.get();
        if (row == null) {
            message.set("Select an entry first: the receipt proves that one entry is in the ledger.");
            return;
        }
        long seq = row.seq();
        message.set("Writing the receipt for entry #" + seq + "…");
        feed.submit(() -> Files.writeString(file, ledger.receipt(seq).toJson()),
                written -> message.set("Receipt for entry #" + seq + " written to " + written
                        + ". Check it offline: symbi ledger verify-receipt " + written + " --key " + publicKeyFile),
                failure -> message.set("The receipt for entry #" + seq + " was not written: " + failure.getMessage()));
    }

    /** Whether a receipt can be exported now: an entry is selected. */
    public ObservableBooleanValue canExportReceipt() {
        return selectedRow.isNotNull();
    }

    /** The file name offered when saving the selected entry's receipt. */
    public String suggestedReceiptName() {
        LedgerRow row = selectedRow.get();
        return "receipt-" + (row == null ? "entry" : row.seq()) + ".json";
    }

    // --- what the view binds to --------------------------------------------------------------------------

    public ObservableList<LedgerRow> rows() {
        return rows;
    }

    public ObjectProperty<LedgerRow> selectedRowProperty() {
        return selectedRow;
    }

    /** Exact actor to show, e.g. {@code agent:alice}; blank for any. Applied by {@link #applyFiltersCommand()}. */
    public StringProperty actorFilterProperty() {
        return actorFilter;
    }

    public StringProperty actionFilterProperty() {
        return actionFilter;
    }

    public StringProperty subjectFilterProperty() {
        return subjectFilter;
    }

    /** Entries in the ledger; -1 until first read. */
    public ReadOnlyLongProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Which entries the page holds. */
    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkpointTextProperty() {
        return checkpointText.getReadOnlyProperty();
    }

    /** The latest signed checkpoint note, as filed and put into receipts. */
    public ReadOnlyStringProperty checkpointNoteProperty() {
        return checkpointNote.getReadOnlyProperty();
    }

    /** Where the ledger's public key is: what a receipt is checked with, offline. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** The checkpoints' origin line, naming this ledger. */
    public String origin() {
        return ledger.origin();
    }

    /** The outcome of the last export, or why the ledger could not be read. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public LedgerVerification verification() {
        return verification;
    }

    public Command applyFiltersCommand() {
        return applyFilters;
    }

    public Command clearFiltersCommand() {
        return clearFilters;
    }

    public Command firstPageCommand() {
        return firstPage;
    }

    public Command previousPageCommand() {
        return previousPage;
    }

    public Command nextPageCommand() {
        return nextPage;
    }

    public Command latestPageCommand() {
        return latestPage;
    }
}
