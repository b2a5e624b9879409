package io.switchboard.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.callflow.calendar.CalendarOverrides;
import io.switchboard.callflow.engine.FlowInterpreter;
import io.switchboard.callflow.engine.FlowListener;
import io.switchboard.callflow.testing.ScriptedCall;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Business hours by a calendar: bands, day edges, date overrides, holidays, DST and the manual override. */
class HoursTest {

    private static final String FLOW = """
            flow: h
            calendars:
              support:
                timezone: Europe/Berlin
                weekly:
                  mon: ["09:00-12:00", "13:00-17:00"]
                  tue: ["09:00-12:00", "13:00-17:00"]
                  wed: ["09:00-12:00", "13:00-17:00"]
                  thu: ["09:00-12:00", "13:00-17:00"]
                  fri: ["09:00-12:00", "13:00-17:00"]
                dates:
                  "2026-12-24": ["09:00-12:00"]
                  "2026-12-31": closed
                holidays:
                  "2026-12-25": Christmas Day
            start: check
            steps:
              check:
                hours: {calendar: support, open: open, closed: closed, holiday: holiday}
              open: {play: [open], next: bye}
              closed: {play: [closed], next: bye}
              holiday: {play: [holiday], next: bye}
              bye: {hangup: {}}
            """;

    private final CalendarOverrides overrides = new CalendarOverrides();

    private String at(String utc) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(utc), ZoneOffset.UTC);
        ScriptedCall call = new ScriptedCall();
        new FlowInterpreter(clock, overrides, 1000).run(FlowCompiler.compile("h.yaml", FLOW), call,
                FlowListener.NONE);
        return call.heard().get(0);
    }

    @Test
    void insideAndOutsideTheBandsOfAWeekday() throws Exception {
        assertThat(at("2026-01-05T09:00:00Z")).isEqualTo("open");    // Monday 10:00 in Berlin
        assertThat(at("2026-01-05T11:30:00Z")).isEqualTo("closed");  // 12:30, lunch
        assertThat(at("2026-01-05T15:59:00Z")).isEqualTo("open");    // 16:59
        assertThat(at("2026-01-05T16:00:00Z")).isEqualTo("closed");  // 17:00: the end is exclusive
        assertThat(at("2026-01-05T07:59:00Z")).isEqualTo("closed");  // 08:59
    }

    @Test
    void aDayWithoutHoursIsClosed() throws Exception {
        assertThat(at("2026-01-10T10:00:00Z")).isEqualTo("closed");  // Saturday
    }

    @Test
    void dateOverridesReplaceTheWeeklyHours() throws Exception {
        assertThat(at("2026-12-24T10:00:00Z")).isEqualTo("open");    // 11:00 on Christmas Eve
        assertThat(at("2026-12-24T13:00:00Z")).isEqualTo("closed");  // 14:00: only the morning that day
        assertThat(at("2026-12-31T09:00:00Z")).isEqualTo("closed");  // a Thursday, closed by date
    }

    @Test
    void aHolidayIsItsOwnOutcome() throws Exception {
        assertThat(at("2026-12-25T09:00:00Z")).isEqualTo("holiday");
    }

    @Test
    void localHoursHoldAcrossTheDstChange() throws Exception {
        // 07:00 UTC is 08:00 in Berlin before the change (closed) and 09:00 after it (open)
        assertThat(at("2026-03-27T07:00:00Z")).isEqualTo("closed");
        assertThat(at("2026-03-30T07:00:00Z")).isEqualTo("open");
    }

    @Test
    void theManualOverrideWinsUntilCleared() throws Exception {
        overrides.set("support", CalendarOverrides.Override.CLOSED_NOW);
        assertThat(at("2026-01-05T09:00:00Z")).isEqualTo("closed");
        overrides.set("support", CalendarOverrides.Override.OPEN_NOW);
        assertThat(at("2026-01-10T10:00:00Z")).isEqualTo("open");
        overrides.clear("support");
        assertThat(at("2026-01-10T10:00:00Z")).isEqualTo("closed");
    }

    @Test
    void calendarMistakesAreDiagnosedWhereWritten() {
        FlowCompileException e = catchThrowableOfType(FlowCompileException.class, () -> FlowCompiler.compile("f.yaml",
                """
                flow: h
                calendars:
                  c:
                    timezone: Mars/Olympus
                    weekly: {mon: ["17:00-09:00"], xyz: ["09:00-10:00"]}
                start: a
                steps:
                  a: {hours: {calendar: d, open: b, closed: b}}
                  b: {hangup: {}}
                """));
        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "f.yaml:4:15: error: calendar 'c': unknown time zone 'Mars/Olympus' (hint: use a zone id such as"
                        + " Europe/Berlin or America/New_York)",
                "f.yaml:5:20: error: calendar 'c': '17:00-09:00' is not a band from earlier to later within a day"
                        + " (hint: write 09:00-17:00; 24:00 is the end of the day)",
                "f.yaml:5:36: error: calendar 'c': 'xyz' is not a day (hint: use mon, tue, … sun)",
                "f.yaml:8:25: error: step 'a' hours: unknown calendar 'd' (hint: calendars here: c)");
    }
}
