package io.switchboard.ivr.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;

/**
 * The PostgreSQL server process of one data directory, found through its {@code postmaster.pid}.
 *
 * <p>The embedded server is not a child of the Java process (its parent is PID 1), so after a {@code kill -9} of
 * Switchboard it keeps running; {@link #stopLeftover(Path, Duration)} finds it again. A process counts as the
 * directory's server only when the pid file names that directory and the process is a {@code postgres} whose
 * command line names it too: a pid reused by an unrelated process is never signalled.
 *
 * @param pid     the server's process id
 * @param dataDir the data directory
 */
public record Postmaster(long pid, Path dataDir) {

    /** The live server of {@code dataDir}, if one runs. */
    public static Optional<Postmaster> of(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!sameDirectory(Path.of(lines.get(1).strip()), dir)) {
            return Optional.empty();
        }
        Postmaster postmaster = new Postmaster(pid, dir);
        return postmaster.isAlive() && postmaster.servesItsDirectory() ? Optional.of(postmaster) : Optional.empty();
    }

    /**
     * Stops the server left running on {@code dataDir} by a Switchboard that was killed, if there is one: a smart
     * shutdown (SIGTERM; its clients died with that Switchboard), then SIGKILL for it and its children when it has
     * not stopped within {@code patience}.
     *
     * @return the pid of the server stopped, or empty when none ran
     */
    public static Optional<Long> stopLeftover(Path dataDir, Duration patience) {
        Optional<Postmaster> leftover = of(dataDir);
        leftover.ifPresent(p -> p.stop(patience));
        return leftover.map(Postmaster::pid);
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills the server at once (SIGKILL), as a crash would; its children notice and exit by themselves. */
    public void kill() {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Waits up to {@code patience} for the process to end; returns whether it did. */
    public boolean awaitGone(Duration patience) {
        return ProcessHandle.of(pid).map(p -> waitGone(p, patience)).orElse(true);
    }

    /** Stops the server, waiting up to {@code patience} for it to shut down cleanly before killing it. */
    public void stop(Duration patience) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        List<ProcessHandle> children = handle.get().descendants().toList();
        handle.get().destroy();
        if (!waitGone(handle.get(), patience)) {
            handle.get().destroyForcibly();
            waitGone(handle.get(), Duration.ofSeconds(5));
        }
        for (ProcessHandle child : children) {
            if (child.isAlive() && !waitGone(child, Duration.ofSeconds(2))) {
                child.destroyForcibly();
            }
        }
    }

    private static boolean waitGone(ProcessHandle process, Duration patience) {
        try {
            process.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Whether the process is a {@code postgres} started on this data directory ({@code -D <dir>}). */
    private boolean servesItsDirectory() {
        List<String> command = commandLine();
        if (command.isEmpty() || !Path.of(command.getFirst()).getFileName().toString().equals("postgres")) {
            return false;
        }
        for (int i = 1; i < command.size() - 1; i++) {
            if (command.get(i).equals("-D") && sameDirectory(Path.of(command.get(i + 1)), dataDir)) {
                return true;
            }
        }
        return false;
    }

    private List<String> commandLine() {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                String raw = Files.readString(proc, StandardCharsets.UTF_8);
                return Arrays.stream(raw.split("\0")).filter(s -> !s.isEmpty()).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::info).flatMap(info -> info.command().map(c -> {
            List<String> all = new ArrayList<>(List.of(c));
            info.arguments().ifPresent(a -> all.addAll(List.of(a)));
            return all;
        })).orElse(List.of());
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
