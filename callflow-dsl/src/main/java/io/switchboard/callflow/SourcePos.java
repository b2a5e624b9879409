package io.switchboard.callflow;

/** Where something stands in a flow file: 1-based line and column. */
public record SourcePos(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
