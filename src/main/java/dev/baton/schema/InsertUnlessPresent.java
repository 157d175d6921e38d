package dev.baton.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inserts a row unless a row with the same key is there, and says which happened: the one way Baton creates a row
 * that concurrent requests may create too (an account, a team member, a deal's handoff). It never fails on the
 * duplicate, so the caller's transaction goes on (PostgreSQL aborts a whole transaction at a failed statement). A
 * concurrent insert of the key that has not committed yet is waited for: if it commits, this one inserts nothing;
 * if it rolls back, this one inserts.
 *
 * <p>PostgreSQL: {@code insert ... on conflict do nothing}, the row count saying who won. H2 accepts that clause
 * only in its PostgreSQL compatibility mode, which Baton's H2 URLs do not use (the engine's H2 support assumes
 * H2's own mode); there a plain insert is made and its duplicate key read as "present": H2 undoes only the failed
 * statement, never the transaction.
 */
@Component
public class InsertUnlessPresent {

  private final JdbcClient jdbc;
  private final boolean postgres;

  public InsertUnlessPresent(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = "postgres".equals(databaseType(dataSource));
  }

  /**
   * Inserts the values (nulls allowed) into the table's columns ({@code "account_id, role_id, user_id"}); true if
   * inserted, false if a row with its key was there.
   */
  public boolean into(String table, String columns, Object... values) {
    String sql = "insert into " + table + " (" + columns + ") values ("
        + Stream.generate(() -> "?").limit(values.length).collect(Collectors.joining(", ")) + ")";
    JdbcClient.StatementSpec insert = jdbc.sql(postgres ? sql + " on conflict do nothing" : sql).params(values);
    if (postgres) {
      return insert.update() == 1;
    }
    try {
      return insert.update() == 1;
    } catch (DuplicateKeyException present) {
      return false;
    }
  }

  private static String databaseType(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return SqlScripts.databaseType(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read which database Baton runs on", e);
    }
  }
}
