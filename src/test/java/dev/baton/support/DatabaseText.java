package dev.baton.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Searches every text and binary column of every table of the application's database (Camunda's, with its
 * byte arrays, and Baton's) for strings, so a test can show a secret is stored nowhere.
 */
public final class DatabaseText {

  private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
      Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB);
  private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

  private DatabaseText() {}

  /** "table.column" of each place where one of the strings occurs. */
  public static List<String> whereFound(DataSource dataSource, Collection<String> strings) throws Exception {
    List<String> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String[]> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
        while (rs.next()) {
          columns.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
              String.valueOf(rs.getInt("DATA_TYPE"))});
        }
      }
      for (String[] column : columns) {
        int type = Integer.parseInt(column[2]);
        String where = column[0] + "." + column[1];
        if (TEXT.contains(type)) {
          for (String string : strings) {
            if (containsText(connection, column[0], column[1], string)) {
              found.add(where);
            }
          }
        } else if (BINARY.contains(type)) {
          if (containsBytes(connection, column[0], column[1], strings)) {
            found.add(where);
          }
        }
      }
    }
    return found;
  }

  private static boolean containsText(Connection connection, String table, String column, String string)
      throws Exception {
    String pattern = "%" + string.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    try (PreparedStatement query = connection.prepareStatement(
        "select count(*) from " + quote(table) + " where " + quote(column) + " like ? escape '!'")) {
      query.setString(1, pattern);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private static boolean containsBytes(Connection connection, String table, String column, Collection<String> strings)
      throws Exception {
    try (PreparedStatement query = connection.prepareStatement(
        "select " + quote(column) + " from " + quote(table) + " where " + quote(column) + " is not null");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        String bytes = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
        for (String string : strings) {
          if (bytes.contains(string)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String quote(String name) {
    return "\"" + name + "\"";
  }
}
