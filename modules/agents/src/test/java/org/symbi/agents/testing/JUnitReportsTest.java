package org.symbi.agents.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class JUnitReportsTest {
    static final String SUREFIRE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="org.example.FibTest" time="0.04" tests="4" errors="1" skipped="1" failures="1">
              <properties><property name="java.version" value="25"/></properties>
              <testcase name="zero" classname="org.example.FibTest" time="0.001">
                <failure message="expected: &lt;0&gt; but was: &lt;1&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected: &lt;0&gt; but was: &lt;1&gt;
                	at org.example.FibTest.zero(FibTest.java:9)</failure>
              </testcase>
              <testcase name="one" classname="org.example.FibTest" time="0"/>
              <testcase name="negative" classname="org.example.FibTest" time="0">
                <error type="java.lang.StackOverflowError">java.lang.StackOverflowError
                	at org.example.Fib.of(Fib.java:5)</error>
              </testcase>
              <testcase name="large" classname="org.example.FibTest" time="0">
                <skipped message="slow"/>
              </testcase>
              <system-out><![CDATA[some output]]></system-out>
            </testsuite>
            """;

    static Stream<Arguments> reports() {
        return Stream.of(
                arguments("surefire: a failure, an error and a skip", SUREFIRE, 1, 1, 1, 1,
                        List.of("org.example.FibTest.zero: expected: <0> but was: <1>",
                                "org.example.FibTest.negative: java.lang.StackOverflowError")),
                arguments("gradle: all passed", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <testsuite name="FibTest" tests="2" skipped="0" failures="0" errors="0" timestamp="2026-01-01T00:00:00" hostname="h" time="0.01">
                          <properties/>
                          <testcase name="zero()" classname="FibTest" time="0.001"/>
                          <testcase name="one()" classname="FibTest" time="0.001"/>
                          <system-out><![CDATA[]]></system-out>
                          <system-err><![CDATA[]]></system-err>
                        </testsuite>
                        """, 2, 0, 0, 0, List.of()),
                arguments("testsuites around suites", """
                        <testsuites>
                          <testsuite name="a"><testcase name="t1" classname="A"><failure>boom</failure></testcase></testsuite>
                          <testsuite name="b"><testcase name="t2" classname="B"/><testcase name="t3"/></testsuite>
                        </testsuites>
                        """, 2, 1, 0, 0, List.of("A.t1")),
                arguments("only the suite's totals", """
                        <testsuite name="x" tests="10" failures="2" errors="1" skipped="3"/>
                        """, 4, 2, 1, 3, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void countsTestCasesAndNamesTheFailures(String name, String xml, int passed, int failed, int errors, int skipped,
                                            List<String> failureLines) throws Exception {
        TestCounts counts = JUnitReports.parse(stream(xml));

        assertThat(counts.source()).isEqualTo("junit-xml");
        assertThat(List.of(counts.passed(), counts.failed(), counts.errors(), counts.skipped()))
                .containsExactly(passed, failed, errors, skipped);
        assertThat(counts.failures()).extracting(TestFailure::line).containsExactlyElementsOf(failureLines);
    }

    @Test
    void theFailureKeepsTheRunnersDetail() throws Exception {
        TestFailure zero = JUnitReports.parse(stream(SUREFIRE)).failures().getFirst();
        assertThat(zero.detail()).contains("at org.example.FibTest.zero(FibTest.java:9)");
    }

    @Test
    void aDocumentTypeIsRefusedSoNoEntityIsExpanded() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <testsuite><testcase name="t"><failure message="&secret;"/></testcase></testsuite>
                """;
        assertThatThrownBy(() -> JUnitReports.parse(stream(xml))).isInstanceOf(SAXException.class);
    }

    @Test
    void collectsThisRunsReportsBelowTheWorktreeAndSaysWhichCouldNotBeRead(@TempDir Path repo) throws Exception {
        Instant runStart = Instant.now().minusSeconds(1);
        write(repo.resolve("module-a/target/surefire-reports/TEST-org.example.FibTest.xml"), SUREFIRE);
        write(repo.resolve("module-b/build/test-results/test/TEST-Other.xml"),
                "<testsuite><testcase name=\"ok\" classname=\"Other\"/></testsuite>");
        write(repo.resolve("module-b/build/test-results/test/TEST-Broken.xml"), "<testsuite><testcase");
        Path stale = write(repo.resolve("old/TEST-Stale.xml"), "<testsuite><testcase name=\"x\"><failure/></testcase></testsuite>");
        Files.setLastModifiedTime(stale, FileTime.from(runStart.minusSeconds(3600)));
        write(repo.resolve("node_modules/dep/TEST-Dep.xml"), "<testsuite><testcase name=\"x\"><failure/></testcase></testsuite>");

        JUnitReports.Collected collected = JUnitReports.collect(repo, runStart);

        TestCounts counts = collected.counts().orElseThrow();
        assertThat(counts.summary()).isEqualTo("5 tests: 2 passed, 1 failed, 1 error, 1 skipped");
        assertThat(collected.unreadable()).singleElement().asString()
                .startsWith(Path.of("module-b/build/test-results/test/TEST-Broken.xml").toString());
    }

    @Test
    void noReportsGiveNoCounts(@TempDir Path repo) throws Exception {
        assertThat(JUnitReports.collect(repo, Instant.now()).counts()).isEmpty();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static ByteArrayInputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }
}
