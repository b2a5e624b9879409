package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import java.util.List;

/** One compiled step of a flow. Each kind is a record with its own {@link StepKind} that compiles and runs it. */
public sealed interface Step permits PlayStep, MenuStep, GotoStep, HangupStep, SetStep, BranchStep,
        GatherStep, HoursStep, QueueStep, TransferStep, LanguageStep,
        LookupStep, HandoffStep, CallbackStep, CallStep, ReturnStep,
        RecordStep, SurveyStep {

    /** The step's id in the flow. */
    String id();

    /** Where the step is written. */
    SourcePos pos();

    /** The ids of the steps this one can go to. */
    List<String> targets();
}
