package dev.baton.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.AppProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Outside demo mode there are no demo users, and no start without an administrator. */
class ProductionModeTest {

  @Test
  void withoutAProfileBatonRunsInProductionModeAndRefusesToStartWithoutADatabase() throws Exception {
    try (AppProcess app = AppProcess.launch("no-profile", AppProcess.QUICK_START, null)) {
      assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
      assertThat(app.output()).contains("DB_URL").doesNotContain("DEMO MODE IS ON");
    }
  }

  @Test
  void withoutAProfileBatonHasNoDemoUsersAndNoDemoSecrets() throws Exception {
    try (AppProcess app = AppProcess.launch("no-profile-configured", AppProcess.QUICK_START, null,
        "--DB_URL=" + AppProcess.fileDatabase("no-profile-configured"), "--DB_USER=sa",
        "--ADMIN_USER=ops-admin", "--ADMIN_PASSWORD=s3cret-Pa55",
        "--CUSTOMER_LINK_SECRET=production-customer-link-secret-0123456789")) {
      app.awaitStarted(Duration.ofSeconds(120));
      assertThat(app.output()).doesNotContain("DEMO MODE IS ON");
      assertThat(app.get("/engine-rest/user/count", "ops-admin:s3cret-Pa55").body()).isEqualTo("{\"count\":1}");
      assertThat(app.get("/engine-rest/engine", "demo:demo").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void refusesToStartWithoutAdminUserAndPassword() throws Exception {
    try (AppProcess app = AppProcess.launch("no-admin", "--spring.datasource.url=" + AppProcess.fileDatabase("no-admin"),
        "--baton.demo.enabled=false", "--baton.admin.user=", "--baton.admin.password=")) {
      assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
      assertThat(app.output()).contains("APPLICATION FAILED TO START", "ADMIN_USER", "ADMIN_PASSWORD");
    }
  }

  @Test
  void refusesToStartWithoutTheCustomerLinkSecret() throws Exception {
    try (AppProcess app = AppProcess.launch("no-link-secret", "--spring.datasource.url=" + AppProcess.fileDatabase("no-link-secret"),
        "--baton.demo.enabled=false", "--baton.admin.user=ops-admin", "--baton.admin.password=s3cret-Pa55",
        "--baton.customer-links.secret=")) {
      assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
      assertThat(app.output()).contains("APPLICATION FAILED TO START", "CUSTOMER_LINK_SECRET");
    }
  }

  @Test
  void createsTheAdministratorFromTheEnvironmentAndNoDemoUsers() throws Exception {
    try (AppProcess app = AppProcess.launch("production", "--spring.datasource.url=" + AppProcess.fileDatabase("production"),
        "--baton.demo.enabled=false", "--baton.admin.user=ops-admin", "--baton.admin.password=s3cret-Pa55")) {
      app.awaitStarted(Duration.ofSeconds(120));
      assertThat(app.output()).doesNotContain("DEMO MODE IS ON");
      assertThat(app.get("/engine-rest/user/ops-admin/profile", "ops-admin:s3cret-Pa55").statusCode()).isEqualTo(200);
      assertThat(app.get("/engine-rest/user/count", "ops-admin:s3cret-Pa55").body()).isEqualTo("{\"count\":1}");
      assertThat(app.get("/engine-rest/engine", "demo:demo").statusCode()).isEqualTo(401);
      assertThat(app.get("/engine-rest/group/csm", "ops-admin:s3cret-Pa55").statusCode()).isEqualTo(200);
    }
  }
}
