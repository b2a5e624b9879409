package io.switchboard.ivr.acd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the codes an agent dials from the phone do: become available, pause with a reason, log out. Configurable;
 * the defaults are {@code *51} available (also ends wrap-up), {@code *52} not ready (break), {@code *53} log out.
 */
public record FeatureCodes(Map<String, Action> codes) {

    /** A feature code is a star followed by one to six digits. */
    public static final Pattern CODE = Pattern.compile("\\*[0-9]{1,6}");

    public static final FeatureCodes DEFAULTS = new FeatureCodes(Map.of("*51", new Action(AgentActivity.AVAILABLE,
            null), "*52", new Action(AgentActivity.NOT_READY, "break"), "*53", new Action(AgentActivity.LOGGED_OUT,
            null)));

    /** What one code does: the state to go to, and the reason for NOT_READY. */
    public record Action(AgentActivity activity, String reason) {}

    public FeatureCodes {
        codes.keySet().forEach(code -> {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("feature code '" + code + "' must be * and 1 to 6 digits");
            }
        });
        codes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codes));
    }

    /**
     * Reads {@code *51=available,*52=not-ready:break,*53=logged-out} (the property form).
     */
    public static FeatureCodes parse(String text) {
        Map<String, Action> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("feature code '" + part.strip() + "': write *51=available");
            }
            String[] action = kv[1].strip().split(":", 2);
            AgentActivity activity = switch (action[0]) {
                case "available" -> AgentActivity.AVAILABLE;
                case "not-ready" -> AgentActivity.NOT_READY;
                case "logged-out" -> AgentActivity.LOGGED_OUT;
                default -> throw new IllegalArgumentException("feature code " + kv[0] + ": '" + action[0]
                        + "' is not available, not-ready:<reason> or logged-out");
            };
            out.put(kv[0].strip(), new Action(activity, activity == AgentActivity.NOT_READY
                    ? (action.length == 2 ? action[1] : "break") : null));
        }
        return new FeatureCodes(out);
    }

    public Optional<Action> action(String code) {
        return Optional.ofNullable(codes.get(code));
    }
}
