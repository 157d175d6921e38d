package dev.baton.footprint;

import dev.baton.support.AppProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The database of the benchmark's Baton: PostgreSQL when the build names one (-Ppostgres with DB_URL,
 * DB_USER, DB_PASSWORD), else a fresh H2 file database under target/app-process (a file, not memory, so
 * the instances survive the restart; removed at the end). Baton runs in the profile an operator uses with it:
 * postgres (production), or demo (the README's default), which keeps H2 in a file too.
 */
final class BenchDatabase {

  private final String url;
  private final String user;
  private final String password;
  /** The H2 database's directory; null for PostgreSQL. */
  private final Path h2Directory;

  private BenchDatabase(String url, String user, String password, Path h2Directory) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.h2Directory = h2Directory;
  }

  static BenchDatabase choose() {
    String url = postgres(System.getProperty("baton.test.db.url"), System.getenv("DB_URL"));
    if (url != null) {
      return new BenchDatabase(url, setting("baton.test.db.user", "DB_USER"), setting("baton.test.db.password", "DB_PASSWORD"),
          null);
    }
    String h2 = AppProcess.fileDatabase("footprint");
    Path directory = Path.of(h2.substring("jdbc:h2:file:".length(), h2.indexOf(';'))).getParent();
    return new BenchDatabase(h2, "sa", "", directory);
  }

  boolean postgres() {
    return h2Directory == null;
  }

  /** postgres (production) or demo (the default profile), both as the README starts them. */
  String profile() {
    return postgres() ? "postgres" : "demo";
  }

  List<String> arguments() {
    return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password);
  }

  /** The first start is measured on an empty database: refuse one that already holds tables. */
  void requireEmpty() throws SQLException {
    if (!postgres()) {
      return; // a new directory
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
        ResultSet tables = connection.createStatement().executeQuery(
            "select count(*) from information_schema.tables where table_schema = current_schema()")) {
      tables.next();
      if (tables.getInt(1) > 0) {
        throw new IllegalStateException("FootprintBenchmark measures the first start on an empty database, but " + url
            + " has " + tables.getInt(1) + " tables: give it a new database (createdb) of its own");
      }
    }
  }

  /** Deletes the H2 database this benchmark made (PostgreSQL's belongs to whoever named it). */
  void removeIfTemporary() throws IOException {
    if (postgres()) {
      return;
    }
    try (Stream<Path> files = Files.walk(h2Directory)) {
      for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Bytes the database takes on disk: the H2 files, or pg_database_size. */
  long sizeBytes() throws IOException, SQLException {
    if (!postgres()) {
      try (Stream<Path> files = Files.walk(h2Directory)) {
        return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
      }
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
        ResultSet size = connection.createStatement().executeQuery("select pg_database_size(current_database())")) {
      size.next();
      return size.getLong(1);
    }
  }

  /** The job executor's poll against this database, timed while Baton is stopped. */
  AcquisitionQuery.Timing acquisition() throws SQLException {
    return AcquisitionQuery.time(url, user, password, postgres());
  }

  String describe() throws SQLException {
    if (!postgres()) {
      return "H2 " + org.h2.engine.Constants.VERSION + " file database " + h2Directory;
    }
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion() + " " + url;
    }
  }

  private static String postgres(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && candidate.startsWith("jdbc:postgresql:")) {
        return candidate;
      }
    }
    return null;
  }

  private static String setting(String property, String variable) {
    String value = System.getProperty(property);
    return value != null && !value.startsWith("${") ? value : System.getenv(variable);
  }
}
