package dev.baton.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time start on a shared PostgreSQL database. Nodes started together on an empty
 * database otherwise all create the same things at the same moment, and all but one fail or leave
 * duplicates: Baton's role groups, memberships and authorizations (duplicate keys), and Tasklist filters,
 * which no unique key protects. Flyway's own lock covers its migrations only, Camunda's deployment lock only
 * the deployment. The lock is taken before Flyway migrates (dev.baton.schema.SchemaOnStart, which then finds
 * an empty database or one already migrated, never one half done) and held until the application has started
 * (engine built, identity, filters and process models in place); a node that finds it taken waits, then finds
 * everything done and changes nothing.
 *
 * <p>It is a transaction-level advisory lock ({@code pg_advisory_xact_lock}) on a connection of its own:
 * it ends with that transaction, so a node that dies while starting cannot leave it behind. H2 is one
 * node's own database: nothing to lock there.
 */
@Component
public class StartupLock implements DisposableBean {

  /** The advisory lock's key: "baton" in ASCII (in pg_locks: locktype advisory, classid 98, objid 1635020654). */
  static final long KEY = 0x6261746f6eL;
  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  private enum State { NOT_TAKEN, HELD, DONE }

  private final DataSource dataSource;
  private State state = State.NOT_TAKEN;
  private Connection connection;

  public StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Takes the lock, waiting while another node starts; does nothing if taken or released before. */
  public synchronized void acquire() {
    if (state != State.NOT_TAKEN) {
      return;
    }
    try {
      Connection held = dataSource.getConnection();
      if (!"PostgreSQL".equals(held.getMetaData().getDatabaseProductName())) {
        held.close();
        state = State.DONE;
        return;
      }
      held.setAutoCommit(false);
      long start = System.nanoTime();
      if (!lock(held, "pg_try_advisory_xact_lock")) {
        log.info("Another node is starting on this database: waiting for it to finish (start-up lock {})", KEY);
        lock(held, "pg_advisory_xact_lock");
        log.info("Start-up lock taken after waiting {} s for the other node", (System.nanoTime() - start) / 1_000_000_000);
      }
      connection = held;
      state = State.HELD;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the start-up lock on the database", e);
    }
  }

  /** Ends the lock's transaction, letting the next node start. */
  @EventListener(ApplicationStartedEvent.class)
  public synchronized void release() {
    if (state == State.HELD) {
      try (Connection held = connection) {
        held.commit();
      } catch (SQLException e) {
        // Closing the connection ends the transaction, and with it the lock, all the same.
        log.warn("Start-up lock: commit failed ({}); the connection is closed instead", e.getMessage());
      }
      connection = null;
    }
    state = State.DONE;
  }

  /** A start that fails lets the next node go on too. */
  @Override
  public void destroy() {
    release();
  }

  private static boolean lock(Connection connection, String function) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select " + function + "(" + KEY + ")")) {
      result.next();
      // pg_advisory_xact_lock returns void (read as null): it only returns once the lock is held.
      Object value = result.getObject(1);
      return !(value instanceof Boolean taken) || taken;
    }
  }
}
