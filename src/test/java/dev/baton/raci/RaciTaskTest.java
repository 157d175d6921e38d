package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and checking the raci.* properties, without an engine. */
class RaciTaskTest {

  static final List<String> ROLES = List.of("sales-rep", "csm", "cs-lead", "support");

  @Test
  void readsRolesTrimmedAndListsInOrder() {
    RaciTask raci = RaciTask.from(Map.of("raci.responsible", " csm ", "raci.accountable", "cs-lead",
        "raci.consulted", "support, sales-rep,,support", "raci.informed", "sales-rep", "raci.summary", "a, b"));

    assertThat(raci.responsible()).isEqualTo("csm");
    assertThat(raci.consulted()).containsExactly("support", "sales-rep");
    assertThat(raci.summary()).containsExactly("a", "b");
    assertThat(raci.problems(ROLES)).isEmpty();
  }

  @Test
  void aRoleMayHoldSeveralLetters() {
    RaciTask raci = RaciTask.from(Map.of("raci.responsible", "cs-lead", "raci.accountable", "cs-lead",
        "raci.informed", "csm"));

    assertThat(raci.letters("cs-lead")).containsExactly("A", "R");
    assertThat(raci.letters("csm")).containsExactly("I");
    assertThat(raci.letters("support")).isEmpty();
  }

  @Test
  void namesEachProblemWithItsFix() {
    assertThat(RaciTask.from(Map.of()).problems(ROLES))
        .containsExactly("has no raci.responsible; add a camunda property raci.responsible with one role of: "
            + "sales-rep, csm, cs-lead, support");
    assertThat(RaciTask.from(Map.of("raci.responsible", "csm", "raci.accountable", "boss")).problems(ROLES))
        .containsExactly("has raci.accountable naming the unknown role 'boss'; use one of: sales-rep, csm, cs-lead, support");
  }
}
