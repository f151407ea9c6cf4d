package org.symbi.agents.diff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.UnifiedDiff.FileChange;
import org.symbi.agents.diff.UnifiedDiff.Line;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiffsTest {
    @TempDir
    Path dir;

    @Test
    void stagedChangesAreDiffedAgainstHeadAndReadBackWithLineNumbers() throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.write("src/Calc.java", "class Calc {\n    int one() { return 1; }\n}\n")
                    .write("old.txt", "going\n");
            repo.commit("first");
            repo.write("src/Calc.java", "class Calc {\n    int one() { return 1; }\n    int two() { return 2; }\n}\n")
                    .write("src/New.java", "class New {}\n");
            java.nio.file.Files.delete(dir.resolve("old.txt"));
            repo.stageAll();

            String diff = Diffs.staged(repo.repository());

            assertThat(diff).contains("diff --git a/src/Calc.java b/src/Calc.java").contains("+    int two() { return 2; }");
            List<FileChange> files = UnifiedDiff.parse(diff);
            assertThat(files).extracting(FileChange::path).containsExactly("old.txt", "src/Calc.java", "src/New.java");
            assertThat(files.get(0).deleted()).isTrue();
            assertThat(files.get(0).removed()).isEqualTo(1);
            assertThat(files.get(1).addedLines()).containsExactly(new Line(3, "    int two() { return 2; }"));
            assertThat(files.get(2).added()).isTrue();
            assertThat(files.get(2).addedLines()).containsExactly(new Line(1, "class New {}"));
        }
    }

    @Test
    void aRepositoryWithoutCommitsDiffsAgainstNothingAndCommitsAgainstEachOther() throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.write("a.txt", "one\n").stageAll();
            assertThat(UnifiedDiff.parse(Diffs.staged(repo.repository()))).singleElement()
                    .satisfies(f -> assertThat(f.added()).isTrue());
            String first = repo.commit("first");
            repo.write("a.txt", "one\n+++ not a header\n");
            repo.commit("second");

            List<FileChange> files = UnifiedDiff.parse(Diffs.between(repo.repository(), first, "HEAD"));

            assertThat(files).singleElement().satisfies(f ->
                    assertThat(f.addedLines()).containsExactly(new Line(2, "+++ not a header")));
            assertThatThrownBy(() -> Diffs.between(repo.repository(), first, "no-such-branch"))
                    .hasMessageContaining("no commit 'no-such-branch'");
        }
    }
}
