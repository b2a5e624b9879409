package io.switchboard.routing.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one YAML mapping in a rule test file, read with a clear error for every wrong type or unknown key
 * ({@code where} names the place: file, scenario, list index).
 */
record Fields(Map<String, Object> values, String where) {

    static final int MAX_TEXT = 200;

    static Fields of(Object node, String where, Set<String> allowed) throws ScenarioException {
        if (!(node instanceof Map<?, ?> map)) {
            throw new ScenarioException(where + ": expected a mapping of " + String.join(", ", allowed.stream()
                    .sorted().toList()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key) || !allowed.contains(key)) {
                throw new ScenarioException(where + ": unknown field '" + entry.getKey() + "'; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            values.put(key, entry.getValue());
        }
        return new Fields(values, where);
    }

    Fields renamed(String newWhere) {
        return new Fields(values, newWhere);
    }

    String string(String key, String otherwise) throws ScenarioException {
        Object value = values.get(key);
        if (value == null) {
            return otherwise;
        }
        if (value instanceof Map || value instanceof List) {
            throw new ScenarioException(where + ": " + key + ": expected a single value");
        }
        String text = String.valueOf(value);
        if (text.length() > MAX_TEXT) {
            throw new ScenarioException(where + ": " + key + ": longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    String required(String key) throws ScenarioException {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw new ScenarioException(where + ": needs " + key);
        }
        return value;
    }

    int integer(String key, int otherwise, int min, int max) throws ScenarioException {
        Object value = values.get(key);
        return value == null ? otherwise : integer(value, where + ": " + key, min, max);
    }

    static int integer(Object value, String where, int min, int max) throws ScenarioException {
        if (!(value instanceof Number number) || number instanceof Double || number instanceof Float
                || number.longValue() < min || number.longValue() > max) {
            throw new ScenarioException(where + ": expected a whole number from " + min + " to " + max + ", not '"
                    + value + "'");
        }
        return number.intValue();
    }

    boolean bool(String key) throws ScenarioException {
        Object value = values.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new ScenarioException(where + ": " + key + ": expected true or false");
        }
        return b;
    }

    List<Object> list(String key, boolean required) throws ScenarioException {
        Object value = values.get(key);
        if (value == null) {
            if (required) {
                throw new ScenarioException(where + ": needs " + key);
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new ScenarioException(where + ": " + key + ": expected a list");
        }
        return new ArrayList<>(list);
    }

    /** A single value or a list of them, as text. */
    List<String> strings(String key) throws ScenarioException {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            if (item == null || item instanceof Map || item instanceof List) {
                throw new ScenarioException(where + ": " + key + ": expected names");
            }
            texts.add(String.valueOf(item));
        }
        return texts;
    }

    Map<String, Object> map(String key) throws ScenarioException {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ScenarioException(where + ": " + key + ": expected a mapping of name: number");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            result.put(String.valueOf(entry.getKey()), entry.getValue());
        }
        return result;
    }
}
