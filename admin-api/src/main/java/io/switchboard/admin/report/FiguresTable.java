package io.switchboard.admin.report;

import java.lang.reflect.RecordComponent;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a report as the API shows them, in one place for JSON and CSV: a column per component of the
 * figures record, in the record's order (a field added to {@code QueueFigures} or {@code AgentFigures} is in both
 * formats at once). Interval starts are ISO-8601 times with the site's offset; totals have no interval start.
 */
public final class FiguresTable {

    static final String INTERVAL_START = "intervalStart";

    private FiguresTable() {}

    /** The columns of a figures record type. */
    static List<String> columns(Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            out.add(c.getName());
        }
        return out;
    }

    /** One row: column → value, ratios and averages null when undefined; no interval start for a total. */
    public static Map<String, Object> row(Record figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : figures.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(figures);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            if (c.getName().equals(INTERVAL_START) && value == null) {
                continue;
            }
            out.put(c.getName(), value instanceof ZonedDateTime z ? time(z) : value);
        }
        return out;
    }

    static List<Map<String, Object>> rows(List<? extends Record> figures) {
        return figures.stream().map(FiguresTable::row).toList();
    }

    static String time(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * CSV (RFC 4180): a header, the rows, then the totals (empty {@code intervalStart}). Text is quoted; text that
     * a spreadsheet would take for a formula (starting with = + - @) gets a leading apostrophe.
     */
    static String csv(Class<? extends Record> type, List<? extends Record> rows, List<? extends Record> totals) {
        List<String> columns = columns(type);
        StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
        List<Record> all = new ArrayList<>(rows);
        all.addAll(totals);
        for (Record r : all) {
            Map<String, Object> row = row(r);
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                cells.add(cell(row.get(column)));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("[-+]?[0-9].*")) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
