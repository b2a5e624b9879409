package io.switchboard.routing;

/** One rules file in force: its name in the rules directory and the SHA-256 of its text. */
public record RuleFile(String name, String sha256) {}
