package dev.baton.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/** The bulk's FEEL engine answers as Camunda's does, and asks it again only for values it has not seen. */
class RememberingFeelEngineTest {

  final List<String> asked = new ArrayList<>();
  final FeelEngine scala = new ScalaFeelEngineFactory().createInstance();
  final RememberingFeelEngine feel = new RememberingFeelEngine(new FeelEngine() {
    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
      asked.add(expression);
      return scala.evaluateSimpleExpression(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
      asked.add(expression);
      return scala.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
  });

  @Test
  void aUnaryTestIsAskedOncePerInputValue() {
    assertThat(test("< 50", 30.0)).isTrue();
    assertThat(test("< 50", 30.0)).isTrue();
    assertThat(test("< 50", 70.0)).isFalse();
    assertThat(test("[50..80[", 70.0)).isTrue();
    assertThat(test("null", null)).isTrue();
    assertThat(test("null", null)).isTrue();

    assertThat(asked).containsExactly("< 50", "< 50", "[50..80[", "null");
  }

  @Test
  void aTestAndAnExpressionOfTheSameTextAreTwoThings() {
    assertThat(test("\"red\"", "red")).isTrue();
    assertThat((String) feel.evaluateSimpleExpression("\"red\"", Variables.createVariables().asVariableContext()))
        .isEqualTo("red");
  }

  @Test
  void anExpressionIsRememberedByTheValuesOfTheNamesItReads() {
    assertThat(((Number) expression("licenceActivation", 42.5)).doubleValue()).isEqualTo(42.5);
    assertThat(((Number) expression("licenceActivation", 42.5)).doubleValue()).isEqualTo(42.5);
    // FEEL answers a whole number as a Long: the same as Camunda's engine answers, remembered as it answered.
    assertThat(((Number) expression("licenceActivation", 12.0)).doubleValue()).isEqualTo(12.0);

    assertThat(asked).containsExactly("licenceActivation", "licenceActivation");
  }

  @Test
  void anExpressionCallingAFunctionIsAlwaysAsked() {
    test("< today()", null);
    test("< today()", null);
    expression("string length(\"abc\")", null);
    expression("string length(\"abc\")", null);

    assertThat(asked).hasSize(4);
  }

  private boolean test(String expression, Object input) {
    return feel.evaluateSimpleUnaryTests(expression, "cellInput",
        Variables.createVariables().putValue("cellInput", input).asVariableContext());
  }

  private Object expression(String expression, Object value) {
    return feel.evaluateSimpleExpression(expression,
        Variables.createVariables().putValue("licenceActivation", value).asVariableContext());
  }
}
