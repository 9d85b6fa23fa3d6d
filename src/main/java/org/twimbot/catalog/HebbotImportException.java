package org.twimbot.catalog;

import java.util.List;

/**
 * A hebbot file cannot be imported. {@link #problems()} has one line per problem, each starting
 * with the path inside the file ({@code projects[3].default_section: expected a string}).
 */
public class HebbotImportException extends Exception {
    private final List<String> problems;

    public HebbotImportException(List<String> problems) {
        super("cannot import hebbot data:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
