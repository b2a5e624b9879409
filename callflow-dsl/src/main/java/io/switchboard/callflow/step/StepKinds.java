package io.switchboard.callflow.step;

import io.switchboard.callflow.engine.Execution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every step kind of the language, by name and by compiled type: one line per kind. */
public final class StepKinds {

    private static final List<StepKind<?>> ALL = List.of(
            new Play(),
            new Menu(),
            new Goto(),
            new Hangup(),
            new SetVariables(),
            new Branch(),
            new Gather(),
            new Hours(),
            new Queue(),
            new Transfer(),
            new Language(),
            new Lookup(),
            new Handoff(),
            new Callback(),
            new CallSubflow(),
            new Return(),
            new Record(),
            new Survey());

    private static final Map<String, StepKind<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, StepKind<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (StepKind<?> kind : ALL) {
            BY_NAME.put(kind.name(), kind);
            BY_TYPE.put(kind.type(), kind);
        }
    }

    private StepKinds() {}

    public static Optional<StepKind<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The kind name of a compiled step ({@code menu}, …). */
    public static String nameOf(Step step) {
        return kindOf(step).name();
    }

    /** Runs {@code step} with its own kind. */
    public static Next execute(Step step, Execution run) {
        return run(kindOf(step), step, run);
    }

    private static <S extends Step> Next run(StepKind<S> kind, Step step, Execution run) {
        return kind.execute(kind.type().cast(step), run);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Step> StepKind<S> kindOf(Step step) {
        StepKind<?> kind = BY_TYPE.get(step.getClass());
        if (kind == null) {
            throw new IllegalStateException("no step kind registered for " + step.getClass().getName());
        }
        return (StepKind<S>) kind;
    }
}
