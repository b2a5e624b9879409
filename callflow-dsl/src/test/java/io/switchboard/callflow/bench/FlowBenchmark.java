package io.switchboard.callflow.bench;

import io.switchboard.callflow.CompiledFlow;
import io.switchboard.callflow.FlowCompileException;
import io.switchboard.callflow.FlowCompiler;
import io.switchboard.callflow.engine.CallControl;
import io.switchboard.callflow.engine.CallFacts;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.engine.FlowResult;
import io.switchboard.callflow.engine.KeyOutcome;
import io.switchboard.callflow.engine.PlayOutcome;
import io.switchboard.callflow.engine.PromptRef;
import io.switchboard.callflow.lint.FlowLinter;
import io.switchboard.callflow.lint.PromptCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The call-flow engine without I/O: interpreter steps per second (a 1,000-step flow of plays and menus run on a
 * call that answers instantly) and compile time of a 5,000-step flow. Run with {@code scripts/bench-callflow.sh};
 * never part of the test suite.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FlowBenchmark {

    private CompiledFlow thousandSteps;
    private String fiveThousandSteps;
    private final FlowInterpreter interpreter = new FlowInterpreter(1_000_000);

    @Setup(Level.Trial)
    public void setUp() throws FlowCompileException {
        thousandSteps = FlowCompiler.compile("bench.yaml", generate(1000));
        fiveThousandSteps = generate(5000);
    }

    /** A chain of {@code n} steps: every tenth a menu (answered with key 1), the rest plays, then a hangup. */
    static String generate(int n) {
        StringBuilder b = new StringBuilder("flow: bench\nstart: s0\nsteps:\n");
        for (int i = 0; i < n; i++) {
            String next = i + 1 < n ? "s" + (i + 1) : "end";
            if (i % 10 == 9) {
                b.append("  s").append(i).append(":\n    menu:\n      prompt: [p").append(i % 50)
                        .append("]\n      options: {\"1\": ").append(next).append(", \"2\": end}\n")
                        .append("      timeout: 3s\n      retries: 1\n      on-failure: end\n");
            } else {
                b.append("  s").append(i).append(": {play: [p").append(i % 50).append("], next: ").append(next)
                        .append("}\n");
            }
        }
        b.append("  end: {hangup: {}}\n");
        return b.toString();
    }

    /** One run of the 1,000-step flow (1,001 steps with the hangup): divide by ~1,000 for steps per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public FlowResult interpret1000Steps() {
        return interpreter.run(thousandSteps, new InstantCall(), FlowListener.NONE);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CompiledFlow compile5000Steps() throws FlowCompileException {
        return FlowCompiler.compile("bench.yaml", fiveThousandSteps);
    }

    /** Compile plus every lint rule (prompts not checked) on the 5,000-step flow: what `flow lint` does per file. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object lint5000Steps() throws FlowCompileException {
        return FlowLinter.lint(FlowCompiler.compile("bench.yaml", fiveThousandSteps), PromptCatalog.ANY);
    }

    /** A caller who hears every prompt at once and always presses 1. */
    static final class InstantCall implements CallControl {
        private static final CallFacts FACTS = new CallFacts("bench", "1", "100", Instant.EPOCH);
        private static final KeyOutcome ONE = new KeyOutcome.Key('1');
        private boolean gone;

        @Override
        public CallFacts facts() {
            return FACTS;
        }

        @Override
        public boolean answer() {
            return true;
        }

        @Override
        public PlayOutcome play(List<PromptRef> prompts, boolean bargeIn) {
            return PlayOutcome.COMPLETED;
        }

        @Override
        public KeyOutcome nextKey(Duration timeout) {
            return ONE;
        }

        @Override
        public void clearKeys() {
        }

        @Override
        public String language() {
            return "en";
        }

        @Override
        public void setLanguage(String language) {
        }

        @Override
        public void hangup() {
            gone = true;
        }

        @Override
        public boolean isGone() {
            return gone;
        }
    }
}
