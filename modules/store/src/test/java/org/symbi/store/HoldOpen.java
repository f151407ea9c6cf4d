package org.symbi.store;

/** Opens a database in a child JVM, prints {@code OPEN}, and keeps it open until killed. */
public final class HoldOpen {
    private HoldOpen() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(args[0]);
        System.out.println("OPEN " + db.url());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
