package io.switchboard.admin.e2e;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs SIPp (Debian package sip-tester), a SIP peer nobody here wrote, bounded in time. */
final class Sipp {

    static final String INSTALL_HINT = "sipp is not on the PATH: apt-get install sip-tester";

    private Sipp() {}

    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "sipp"))
                .anyMatch(Files::isExecutable);
    }

    /** The exit code and what SIPp printed. */
    record Result(int exitCode, String output) {
        boolean oneSuccessfulCall() {
            return output.matches("(?s).*Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*1\\s.*");
        }
    }

    static Result run(Path workDir, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("sipp");
        command.addAll(args);
        command.add("-nostdin");
        Path log = Files.createTempFile(workDir, "sipp", ".out");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sipp did not finish in 90 s: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
