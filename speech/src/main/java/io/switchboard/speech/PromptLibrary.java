package io.switchboard.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every prompt under a directory laid out as {@code <dir>/<language>/<name>.wav}, where a name may have folders
 * ({@code digits/7}). Flows name prompts; this is where a name and a language become audio. Symbolic links are
 * followed (the Debian Asterisk language folders are links). The Debian Asterisk
 * sound set ({@code /usr/share/asterisk/sounds}) has the same layout.
 */
public final class PromptLibrary {

    private final Path root;
    private final Map<String, Prompt> prompts;
    private final Set<String> languages;

    private PromptLibrary(Path root, Map<String, Prompt> prompts) {
        this.root = root;
        this.prompts = Map.copyOf(prompts);
        Set<String> langs = new TreeSet<>();
        prompts.values().forEach(p -> langs.add(p.language()));
        this.languages = Set.copyOf(langs);
    }

    /** Loads every WAV under {@code dir}; a file that is not 8 kHz 16-bit mono PCM fails the load, named. */
    public static PromptLibrary load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("prompt directory " + dir.toAbsolutePath() + " does not exist");
        }
        Map<String, Prompt> prompts = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".wav") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list prompts in " + dir + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            Path relative = dir.relativize(file);
            if (relative.getNameCount() < 2) {
                continue; // a WAV directly under the root has no language folder
            }
            String language = relative.getName(0).toString();
            String rest = relative.subpath(1, relative.getNameCount()).toString().replace('\\', '/');
            String name = rest.substring(0, rest.length() - ".wav".length());
            prompts.put(key(name, language), new Prompt(name, language, Wav.read(file)));
        }
        return new PromptLibrary(dir, prompts);
    }

    /** A library of prompts already in memory (tests, generated audio). */
    public static PromptLibrary of(Collection<Prompt> prompts) {
        Map<String, Prompt> map = new HashMap<>();
        prompts.forEach(p -> map.put(key(p.name(), p.language()), p));
        return new PromptLibrary(Path.of(""), map);
    }

    /**
     * The bundled prompt directory: system property {@code switchboard.prompts}, then environment variable
     * {@code SWITCHBOARD_PROMPTS}, then {@code ./prompts}, then {@code ../prompts} (tests run in module folders).
     */
    public static Path defaultDirectory() {
        String property = System.getProperty("switchboard.prompts");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("SWITCHBOARD_PROMPTS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path candidate : List.of(Path.of("prompts"), Path.of("..", "prompts"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return Path.of("prompts").toAbsolutePath();
    }

    public Optional<Prompt> find(String name, String language) {
        return Optional.ofNullable(prompts.get(key(name, language)));
    }

    public Set<String> languages() {
        return languages;
    }

    public Collection<Prompt> all() {
        return prompts.values();
    }

    public Path root() {
        return root;
    }

    private static String key(String name, String language) {
        return language + "/" + name;
    }
}
