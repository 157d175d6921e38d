package dev.baton.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/** What the Java migrations share: the database's kind in Camunda's naming, tables present, scripts run. */
final class SqlScripts {

  private SqlScripts() {}

  /** Camunda's name of the database type in its script names: {@code h2} or {@code postgres}. */
  static String databaseType(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return switch (product) {
      case "H2" -> "h2";
      case "PostgreSQL" -> "postgres";
      default -> throw new IllegalStateException("Baton runs on H2 and PostgreSQL, not on " + product);
    };
  }

  /** Whether the table exists in the connection's own schema (another schema's tables do not count). */
  static boolean tableExists(Connection connection, String table) throws SQLException {
    String name = connection.getMetaData().storesLowerCaseIdentifiers() ? table.toLowerCase() : table.toUpperCase();
    try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), name, new String[] {"TABLE"})) {
      return tables.next();
    }
  }

  /** Runs a classpath script statement by statement ({@code ;} ends one, {@code --} comments). */
  static void run(Connection connection, String path) {
    ScriptUtils.executeSqlScript(connection, new ClassPathResource(path));
  }
}
