package org.twimbot.config;

import java.util.List;

/** The configuration is unusable. {@link #problems()} has one line per problem, each starting with its key path. */
public class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
