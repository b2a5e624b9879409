package io.switchboard.callflow.step;

import io.switchboard.callflow.calendar.BusinessCalendar;
import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.callflow.engine.Execution;
import io.switchboard.callflow.parse.Fields;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code hours}: open, closed or holiday, by a calendar of the flow's {@code calendars:} section; a manual override
 * ("closed now" / "open now") wins.
 * <pre>
 * office-hours:
 *   hours:
 *     calendar: support
 *     open: main-menu
 *     closed: after-hours
 *     holiday: holiday-message   # optional; defaults to closed
 * </pre>
 */
public final class Hours implements StepKind<HoursStep> {

    @Override
    public String name() {
        return "hours";
    }

    @Override
    public Class<HoursStep> type() {
        return HoursStep.class;
    }

    @Override
    public HoursStep compile(String id, Node value, Fields step, CompileContext ctx) {
        step.node("hours");
        String what = "step '" + id + "' hours";
        Fields h = Fields.of(value, what, ctx.problems());
        String calendar = h.string("calendar", "name a calendar from the flow's calendars: section");
        if (!calendar.isEmpty() && !ctx.calendars().contains(calendar)) {
            ctx.problems().error(h.node("calendar").orElseThrow(), what + ": unknown calendar '" + calendar + "'",
                    ctx.calendars().isEmpty() ? "declare it under calendars: at the top of the file"
                            : "calendars here: " + String.join(", ", ctx.calendars()));
        }
        String open = target(h, "open", ctx);
        String closed = target(h, "closed", ctx);
        String holiday = h.has("holiday") ? target(h, "holiday", ctx) : closed;
        h.rejectUnknown();
        return new HoursStep(id, step.pos(), calendar, open, closed, holiday);
    }

    private static String target(Fields h, String key, CompileContext ctx) {
        String t = h.string(key, "write " + key + ": <step>");
        return t.isEmpty() ? t : ctx.refer(t, h.node(key).orElseThrow());
    }

    @Override
    public Next execute(HoursStep step, Execution run) {
        var override = run.overrides().get(step.calendar());
        if (override.isPresent()) {
            return Next.go(override.get() == CalendarOverrides.Override.OPEN_NOW ? step.open() : step.closed());
        }
        BusinessCalendar calendar = run.flow().calendars().get(step.calendar());
        return Next.go(switch (calendar.status(run.clock().instant())) {
            case OPEN -> step.open();
            case CLOSED -> step.closed();
            case HOLIDAY -> step.holiday();
        });
    }
}
