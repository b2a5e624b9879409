package io.switchboard.callflow.step;

import io.switchboard.callflow.SourcePos;
import java.util.ArrayList;
import java.util.List;

/** Goes one way when a calendar says open, another when closed, a third on a holiday. */
public record HoursStep(String id, SourcePos pos, String calendar, String open, String closed, String holiday)
        implements Step {

    @Override
    public List<String> targets() {
        List<String> out = new ArrayList<>(List.of(open, closed));
        if (!holiday.equals(closed)) {
            out.add(holiday);
        }
        return out;
    }
}
