package org.symbi.agents.review;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.Diffs;
import org.symbi.agents.diff.TempRepo;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks a review makes without a model, on real diffs of a temporary repository. */
class StaticChecksTest {
    @TempDir
    Path dir;

    private List<Finding> checkStaged(TempRepo repo) throws Exception {
        return StaticChecks.check(Diffs.staged(repo.stageAll().repository()));
    }

    @Test
    void aCleanChangeWithItsTestHasNoFindings() throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.write("src/main/java/Fib.java", "class Fib {\n    static long fib(int n) {\n        return n;\n    }\n}\n")
                    .write("src/test/java/FibTest.java", "class FibTest {\n}\n");
            assertThat(checkStaged(repo)).isEmpty();
        }
    }

    @Test
    void secretsAreErrorsThatNeverQuoteTheSecret() throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.commit("empty start");
            String awsKey = "AKIA" + "ABCDEFGHIJKLMNOP";
            repo.write("config.properties", "region=eu-west-1\naws.key=" + awsKey + "\n"
                    + "db_password = \"hunter2hunter2\"\n"
                    + "-----BEGIN RSA PRIVATE KEY-----\n");

            List<Finding> findings = checkStaged(repo);

            assertThat(findings).extracting(Finding::describe).containsExactly(
                    "error security config.properties:2: looks like an AWS access key written into the code; keep "
                            + "secrets out of the repository",
                    "error security config.properties:3: looks like a hard-coded password or secret written into "
                            + "the code; keep secrets out of the repository",
                    "error security config.properties:4: looks like a private key written into the code; keep "
                            + "secrets out of the repository");
            assertThat(findings.toString()).doesNotContain(awsKey).doesNotContain("hunter2");
            assertThat(Review.verdictOf(findings)).isEqualTo(Review.Verdict.FAIL);
        }
    }

    @Test
    void styleProblemsAreOneWarningPerFileAndKind() throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.write("README.md", "old\n").commit("start");
            repo.write("README.md", "old\n\tindented\n\tagain \nfine\n" + "x".repeat(130) + "\n")
                    .write("Makefile", "all:\n\techo ok\n");

            List<Finding> findings = checkStaged(repo);

            assertThat(findings).extracting(Finding::describe).containsExactly(
                    "warning style README.md:2: 2 added lines with a tab (first: line 2)",
                    "warning style README.md:3: a line ending in whitespace",
                    "warning style README.md:5: a line longer than 120 characters");
            assertThat(Review.verdictOf(findings)).isEqualTo(Review.Verdict.PASS);
        }
    }

    @Test
    void notesOfUnfinishedWorkAndConflictMarkersAreFound() throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.write("src/App.java", "class App {}\n").write("src/AppTest.java", "class AppTest {}\n").commit("start");
            repo.write("src/App.java", "class App {\n<<<<<<< HEAD\n    // TODO handle null\n=======\n>>>>>>> other\n}\n");

            assertThat(checkStaged(repo)).extracting(Finding::describe).containsExactly(
                    "error correctness src/App.java:2: a merge-conflict marker",
                    "error correctness src/App.java:4: a merge-conflict marker",
                    "error correctness src/App.java:5: a merge-conflict marker",
                    "warning correctness src/App.java:3: adds a note of unfinished work: // TODO handle null");
        }
    }

    @Test
    void aNewSourceFileWithoutAnyTestInTheChangeIsAnError() throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.write("app/util.py", "def one():\n    return 1\n").write("docs/notes.md", "notes\n");

            assertThat(checkStaged(repo)).extracting(Finding::describe).containsExactly(
                    "error correctness app/util.py: a new source file, and the change adds or changes no test");
        }
    }

    @Test
    void testFilesAreRecognisedAcrossLanguages() {
        assertThat(List.of("src/test/java/a/FooTest.java", "tests/test_util.py", "pkg/util_test.go", "web/app.spec.ts",
                "web/__tests__/app.js", "src/it/BarIT.java")).allMatch(StaticChecks::isTest);
        assertThat(List.of("src/main/java/a/Foo.java", "app/util.py", "contest/Main.java")).noneMatch(StaticChecks::isTest);
    }
}
