package org.symbi.agents.docs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeEntryTest {

    @ParameterizedTest(name = "\"{0}\" is {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            feat: add the fib function              | ADDED      | Add the fib function
            feat(math): n-th Fibonacci number       | ADDED      | Math: n-th Fibonacci number
            fix!: fib(0) is 0                       | FIXED      | Fib(0) is 0
            fix(parser): accept spaces              | FIXED      | Parser: accept spaces
            docs: explain the fib function          | CHANGED    | Explain the fib function
            refactor(core)!: split the engine       | CHANGED    | Core: split the engine
            security: escape shell arguments        | SECURITY   | Escape shell arguments
            Add a command that plans requests       | ADDED      | Add a command that plans requests
            Fixes the crash on empty input          | FIXED      | Fixes the crash on empty input
            Remove the old importer                 | REMOVED    | Remove the old importer
            Deprecate the v1 API                    | DEPRECATED | Deprecate the v1 API
            Topology view: zoom and pan             | CHANGED    | Topology view: zoom and pan
            README: current screenshots             | CHANGED    | README: current screenshots
            additional checks in the parser         | CHANGED    | Additional checks in the parser
            """)
    void groupsACommitSubjectAndWritesItsEntry(String subject, ChangeEntry.Group group, String text) {
        ChangeEntry e = ChangeEntry.of(subject);
        assertThat(e.group()).isEqualTo(group);
        assertThat(e.text()).isEqualTo(text);
    }
}
