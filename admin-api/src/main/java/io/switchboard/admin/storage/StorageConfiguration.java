package io.switchboard.admin.storage;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.ivr.store.CallSpool;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.CallWriter;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The call database, the call store, and the one writer every call records through. */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    CallDatabase callDatabase(SwitchboardProperties properties, Environment environment) {
        // Only the environment holds the password (tests put a property source of the same name in front).
        String password = environment.getProperty(SwitchboardProperties.DB_PASSWORD_VARIABLE);
        return CallDatabase.open(properties.db(), password);
    }

    /** The pool; {@link CallDatabase} closes it, after the writer has stored what it holds. */
    @Bean(destroyMethod = "")
    DataSource dataSource(CallDatabase callDatabase) {
        return callDatabase.database().dataSource();
    }

    @Bean
    CallStore callStore(DataSource dataSource, SwitchboardProperties properties) {
        return new CallStore(dataSource, properties.node());
    }

    /** Where call writes wait while the database is unreachable; closed after the writer. */
    @Bean(destroyMethod = "close")
    CallSpool callSpool(SwitchboardProperties properties) {
        return new CallSpool(properties.db().spoolDir().resolve("calls.spool"), properties.db().spoolMaxMb() << 20);
    }

    /**
     * Closed before the data source, so calls ended during shutdown are still stored (or spooled). Created before
     * any call is taken: it first stores what the spool kept, then the calls this node left unfinished when it last
     * stopped without ending them are ended as {@code server-restart}.
     */
    @Bean(destroyMethod = "close")
    CallWriter callWriter(CallStore callStore, CallSpool callSpool) {
        CallWriter writer = new CallWriter(callStore, callSpool);
        if (!writer.isSpooling()) {
            int ended = callStore.endUnfinishedCalls();
            if (ended > 0) {
                log.warn("Ended {} call(s) this node left unfinished when it last stopped (cause server-restart)",
                        ended);
            }
        }
        return writer;
    }

    @Bean
    DatabaseHealthIndicator dbHealthIndicator(CallDatabase callDatabase, CallWriter callWriter) {
        return new DatabaseHealthIndicator(callDatabase, callWriter);
    }
}
