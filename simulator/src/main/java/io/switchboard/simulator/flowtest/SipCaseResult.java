package io.switchboard.simulator.flowtest;

import io.switchboard.callflow.flowtest.FlowTestCase;

/** How one flow test case went over SIP. */
sealed interface SipCaseResult {

    FlowTestCase testCase();

    /** The case passed; {@code note} says what could not be checked from the caller's side, or is empty. */
    record Passed(FlowTestCase testCase, String note) implements SipCaseResult {}

    /** The case failed; {@code message} starts with the script line's {@code file:line:col}. */
    record Failed(FlowTestCase testCase, String message) implements SipCaseResult {}

    /** The case makes sense offline only (a mock, a fixed time, a script line the simulator cannot perform). */
    record NotApplicable(FlowTestCase testCase, String reason) implements SipCaseResult {}
}
