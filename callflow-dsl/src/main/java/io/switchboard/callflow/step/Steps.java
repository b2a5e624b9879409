package io.switchboard.callflow.step;

import io.switchboard.callflow.parse.Fields;

/** Keys and transitions several step kinds share. */
final class Steps {

    private Steps() {}

    /** The optional {@code next:} of a step, noted as a reference; null when absent. */
    static String next(String id, Fields step, CompileContext ctx) {
        return optional(step, "next", ctx);
    }

    /** An optional target key of a step's settings, noted as a reference; null when absent. */
    static String optional(Fields f, String key, CompileContext ctx) {
        return f.optionalString(key).map(t -> ctx.refer(t, f.node(key).orElseThrow())).orElse(null);
    }

    /** A required target key of a step's settings, noted as a reference. */
    static String required(Fields f, String key, String what, CompileContext ctx) {
        String t = f.string(key, "write " + key + ": <step>");
        return t.isEmpty() ? t : ctx.refer(t, f.node(key).orElseThrow());
    }

    /** The distinct step ids among {@code ids}, in order, without the nulls (targets a step does not have). */
    static java.util.List<String> targets(String... ids) {
        return java.util.Arrays.stream(ids).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** Go to {@code next}, or end the flow when there is none. */
    static Next then(String next) {
        return next == null ? new Next.End(Outcomes.FELL_THROUGH) : Next.go(next);
    }
}
