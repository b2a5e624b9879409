package io.switchboard.ivr.acd;

import io.switchboard.ivr.store.Database;
import io.switchboard.ivr.testing.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL database for one ACD test class (a {@link TestDatabase}), migrated before the class and emptied
 * of the ACD's rows before each test. Register it as a static {@code @RegisterExtension} field.
 */
final class AcdDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final TestDatabase db;
    private Database database;

    AcdDatabase(Class<?> testClass) {
        this.db = TestDatabase.create(testClass);
    }

    Database database() {
        return database;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = db.open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        try (var c = database.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("delete from acd_agent; delete from acd_queue_log; delete from acd_callback; delete from acd_node");
        }
    }
}
