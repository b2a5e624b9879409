package io.switchboard.callflow.engine;

import java.util.Map;

/** Data lookups: data connectors implement it; without them every lookup fails ({@link #UNAVAILABLE}). */
public interface LookupPort {

    /**
     * Asks a named data connector (a CRM, a billing system) for data; may block, and the flow bounds the wait.
     *
     * @param arguments name → value (already evaluated)
     */
    LookupResult lookup(String connector, Map<String, String> arguments);

    /** No data connectors here. */
    LookupPort UNAVAILABLE = (connector, arguments) -> new LookupResult.Failed("no data connectors on this server");

    /** What a lookup found. */
    sealed interface LookupResult {
        /** Results by name; the flow reads them as {@code <into>.<name>}. */
        record Found(Map<String, String> values) implements LookupResult {
            public Found {
                values = Map.copyOf(values);
            }
        }

        /** The connector answered that there is nothing. */
        record NotFound() implements LookupResult {}

        /** The connector failed or does not exist. */
        record Failed(String reason) implements LookupResult {}
    }
}
