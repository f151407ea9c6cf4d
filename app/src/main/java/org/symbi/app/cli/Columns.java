package org.symbi.app.cli;

import java.util.List;

/** Rows printed as a table for people: columns as wide as their widest cell, two spaces apart. */
final class Columns {
    private Columns() {
    }

    /** @param rows the header first; every row as long as the header */
    static void print(List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        rows.forEach(r -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == widths.length - 1 ? r.get(i) : String.format("%-" + (widths[i] + 2) + "s", r.get(i)));
            }
            System.out.println(line);
        }
    }
}
