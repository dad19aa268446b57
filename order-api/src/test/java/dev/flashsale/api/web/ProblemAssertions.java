package dev.flashsale.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Assertions on the RFC 9457 answers of {@link ApiExceptionHandler}, shared by the controller tests. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(MvcTestResult result, HttpStatus status) {
        assertThat(result)
                .hasStatus(status)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.status").isEqualTo(status.value());
        assertThat(result).bodyText().doesNotContain("Exception", "\tat ");
    }

    /** A 400 whose {@code errors} array names {@code field}. */
    public static void assertProblemNamingField(MvcTestResult result, String field) {
        assertProblem(result, HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().contains(field);
    }
}
