package io.switchboard.admin.pages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The site the page tests run: queues and flows in a temporary directory. */
final class PagesSite {

    private PagesSite() {}

    /**
     * Two queues; {@code queued} (300) checks the {@code desk} calendar (open all week) and queues in {@code general},
     * {@code personal} (302) queues in {@code personal} with an account, {@code hello} (301) greets and hangs up.
     */
    static Path create() {
        try {
            Path dir = Files.createTempDirectory("pages-browser");
            Files.createDirectories(dir.resolve("flows"));
            Files.writeString(dir.resolve("queues.yaml"), """
                    queues:
                      general:
                        hold: [hold-music]
                        join-when-empty: yes
                        ring-timeout: 30s
                        wrap-up: 1s
                      personal:
                        hold: [hold-music]
                        join-when-empty: yes
                        ring-timeout: 60s
                        wrap-up: 1s
                    """);
            Files.writeString(dir.resolve("flows/queued.yaml"), """
                    flow: queued
                    languages: [en]
                    calendars:
                      desk:
                        timezone: UTC
                        weekly: {mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"],
                                 thu: ["00:00-24:00"], fri: ["00:00-24:00"], sat: ["00:00-24:00"],
                                 sun: ["00:00-24:00"]}
                    start: office
                    steps:
                      office:
                        hours: {calendar: desk, open: wait, closed: closed-now, holiday: closed-now}
                      wait:
                        queue: {name: general, max-wait: 5m, connected: bye, timeout: bye, unavailable: bye}
                      closed-now:
                        play: [closed]
                        next: bye
                      bye: {hangup: {}}
                    """);
            Files.writeString(dir.resolve("flows/personal.yaml"), """
                    flow: personal
                    languages: [en]
                    start: wait
                    steps:
                      wait:
                        queue:
                          name: personal
                          max-wait: 5m
                          attributes: {account-id: "A-1001", topic: internet}
                          connected: bye
                          timeout: bye
                          unavailable: bye
                      bye: {hangup: {}}
                    """);
            Files.writeString(dir.resolve("flows/hello.yaml"), hello("goodbye"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hello(String prompt) {
        return """
                flow: hello
                languages: [en]
                start: greet
                steps:
                  greet:
                    play: [%s]
                    next: bye
                  bye: {hangup: {}}
                """.formatted(prompt);
    }
}
