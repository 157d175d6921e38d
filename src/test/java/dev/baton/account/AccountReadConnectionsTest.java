package dev.baton.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.schema.InsertUnlessPresent;
import dev.baton.support.BatonIntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading an account never holds one connection while waiting for another: on a pool of one connection
 * (the shared test database, a second pool of its own) find and lock answer at once. A read that took a
 * second connection for the team while holding the first would wait for itself until the pool gave up,
 * which is how a few hundred concurrent reads used to stall the whole application.
 */
@BatonIntegrationTest
class AccountReadConnectionsTest {

  @Autowired AccountRepository accounts;
  @Autowired DataSourceProperties database;
  HikariDataSource oneConnection;
  AccountRepository onOneConnection;

  @BeforeEach
  void poolOfOne() {
    oneConnection = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    oneConnection.setMaximumPoolSize(1);
    oneConnection.setConnectionTimeout(1000);
    onOneConnection = new AccountRepository(JdbcClient.create(oneConnection),
        new InsertUnlessPresent(JdbcClient.create(oneConnection), oneConnection),
        new DataSourceTransactionManager(oneConnection));
  }

  @AfterEach
  void close() {
    oneConnection.close();
  }

  @Test
  void readingAnAccountWithItsTeamAndLifecycleNeedsOneConnection() {
    String id = saved();

    Account read = onOneConnection.find(id).orElseThrow();

    assertThat(read.team()).isEqualTo(Map.of("csm", "csm-demo"));
    assertThat(read.lifecycle()).isEqualTo(Map.of("stage", "onboarding"));
  }

  @Test
  void lockingAnAccountInATransactionNeedsOneConnection() {
    String id = saved();

    Account locked = new TransactionTemplate(new DataSourceTransactionManager(oneConnection))
        .execute(status -> onOneConnection.lock(id).orElseThrow());

    assertThat(locked.team()).isEqualTo(Map.of("csm", "csm-demo"));
    assertThat(locked.lifecycle()).isEqualTo(Map.of("stage", "onboarding"));
  }

  private String saved() {
    String id = "one-connection-" + UUID.randomUUID();
    accounts.save(new Account(id, "Single Line Ltd", "smb", LocalDate.of(2027, 6, 30), null, Map.of("csm", "csm-demo")));
    accounts.setLifecycle(id, "stage", "onboarding");
    return id;
  }
}
