package dev.baton.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The FEEL engine of {@link HealthScorer}'s in-memory DMN engine: Camunda's Scala FEEL engine, remembering each
 * expression's result by the values it reads. The Scala engine builds its table of built-in functions anew for
 * every expression it evaluates, so a bulk of 5,000 accounts spent most of its CPU there, while the health tables'
 * entries ({@code < 50}, {@code [50..80[}, {@code "red"}) see the same values again and again. Only expressions
 * without a function call are remembered (a call such as {@code today()} may answer differently tomorrow); the
 * key is the expression, the tested input and the value of every name in the expression. Bounded.
 */
final class RememberingFeelEngine implements FeelEngine {

  private static final int LIMIT = 200_000;
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Object ABSENT = new Object();

  /** {@code test}: a unary test of the input, else an expression (the same text may be both: {@code "red"}). */
  private record Key(boolean test, String expression, List<Object> values) {}

  private final FeelEngine feel;
  private final Map<Key, Object> results = new ConcurrentHashMap<>();
  /** The names each expression reads, or null when it calls a function (never remembered). */
  private final Map<String, List<String>> names = new ConcurrentHashMap<>();

  RememberingFeelEngine(FeelEngine feel) {
    this.feel = feel;
  }

  @Override
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    Key key = key(expression, null, variables);
    if (key == null) {
      return feel.evaluateSimpleExpression(expression, variables);
    }
    Object known = results.get(key);
    if (known == null) {
      Object result = feel.evaluateSimpleExpression(expression, variables);
      known = result == null ? ABSENT : result;
      remember(key, known);
    }
    @SuppressWarnings("unchecked")
    T result = known == ABSENT ? null : (T) known;
    return result;
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
    Key key = key(expression, inputVariable, variables);
    if (key == null) {
      return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
    Object known = results.get(key);
    if (known == null) {
      known = feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
      remember(key, known);
    }
    return (Boolean) known;
  }

  private void remember(Key key, Object result) {
    if (results.size() >= LIMIT) {
      results.clear();
    }
    results.put(key, result);
  }

  private Key key(String expression, String inputVariable, VariableContext variables) {
    if (expression == null) {
      return null;
    }
    List<String> read = names.computeIfAbsent(expression, RememberingFeelEngine::namesRead);
    if (read == NO_NAMES_KNOWN) {
      return null;
    }
    List<Object> values = new ArrayList<>(read.size() + 1);
    values.add(inputVariable == null ? null : value(variables, inputVariable));
    for (String name : read) {
      values.add(value(variables, name));
    }
    return new Key(inputVariable != null, expression, values);
  }

  private static Object value(VariableContext variables, String name) {
    TypedValue value = variables.containsVariable(name) ? variables.resolve(name) : null;
    return value == null ? ABSENT : value.getValue() == null ? null : value.getValue();
  }

  private static final List<String> NO_NAMES_KNOWN = List.of("(");

  /** The names in the expression outside its strings; NO_NAMES_KNOWN when it calls a function. */
  private static List<String> namesRead(String expression) {
    String code = STRING.matcher(expression).replaceAll("\"\"");
    // not(...) negates unary tests; any other parenthesis after a name is a call.
    if (code.replaceAll("\\bnot\\s*\\(", "").matches("(?s).*[A-Za-z0-9_]\\s*\\(.*")) {
      return NO_NAMES_KNOWN;
    }
    List<String> read = new ArrayList<>();
    Matcher name = NAME.matcher(code);
    while (name.find()) {
      if (!read.contains(name.group())) {
        read.add(name.group());
      }
    }
    return List.copyOf(read);
  }
}
