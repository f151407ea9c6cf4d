package org.symbi.agents.git;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingStepsTest {
    @Test
    void taskBranchNamesAreShortSlugsOfTheTitle() {
        assertThat(WorkingSteps.slug("Add a function that returns the n-th Fibonacci number, with tests"))
                .isEqualTo("add-a-function-that-returns-the-n-th-fib");
        assertThat(WorkingSteps.slug("  Übersicht: README!  ")).isEqualTo("ubersicht-readme");
        assertThat(WorkingSteps.slug("T-42")).isEqualTo("t-42");
        assertThat(WorkingSteps.slug("!!!")).isEmpty();
    }
}
