package dev.baton.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Baton's indexes on Camunda's tables are part of the schema (migration 43, CamundaTableIndexes, db/engine/*.sql). */
@BatonIntegrationTest
class CamundaTableIndexesTest {

  @Autowired DataSource dataSource;

  @Test
  void tasklistIndexesArePartOfTheSchema() throws Exception {
    assertThat(indexes("ACT_RU_IDENTITYLINK")).contains("BATON_IDX_IDENT_LNK_GROUP_TASK");
    assertThat(indexes("ACT_RU_AUTHORIZATION")).contains("BATON_IDX_AUTH_USER");
  }

  @Test
  void theJobExecutorsPollHasItsIndexes() throws Exception {
    boolean postgres;
    try (Connection connection = dataSource.getConnection()) {
      postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    }
    assertThat(indexes("ACT_RU_JOB")).contains(CamundaTableIndexes.JOB_DUE_DATE.toUpperCase());
    // A partial index (locked jobs only): H2 has none.
    if (postgres) {
      assertThat(indexes("ACT_RU_JOB")).contains(CamundaTableIndexes.JOB_LOCKED.toUpperCase());
    }
  }

  private List<String> indexes(String table) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      // PostgreSQL folds unquoted names to lower case, H2 to upper case.
      boolean lower = connection.getMetaData().storesLowerCaseIdentifiers();
      try (ResultSet rs = connection.getMetaData().getIndexInfo(null, null,
          lower ? table.toLowerCase() : table, false, false)) {
        while (rs.next()) {
          if (rs.getString("INDEX_NAME") != null) {
            names.add(rs.getString("INDEX_NAME").toUpperCase());
          }
        }
      }
    }
    return names;
  }
}
