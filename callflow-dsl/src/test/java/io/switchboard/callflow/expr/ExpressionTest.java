package io.switchboard.callflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {

    private static final Map<String, Object> VARS = Map.of("caller", "5550100", "balance", new BigDecimal("12.50"),
            "vip", Boolean.TRUE, "lookup.name", "Ada");

    private static Object eval(String text) {
        return Evaluator.evaluate(ExprParser.parse(text), VARS);
    }

    @Test
    void precedenceFollowsArithmeticThenComparisonThenLogic() {
        assertThat(eval("1 + 2 * 3")).isEqualTo(new BigDecimal("7"));
        assertThat(eval("(1 + 2) * 3")).isEqualTo(new BigDecimal("9"));
        assertThat(eval("1 + 2 * 3 == 7 && !false || false")).isEqualTo(true);
        assertThat(eval("balance > 10 && vip")).isEqualTo(true);
        assertThat(eval("-balance < 0")).isEqualTo(true);
    }

    @Test
    void stringsNumbersAndFunctions() {
        assertThat(eval("caller == '5550100'")).isEqualTo(true);
        assertThat(eval("caller == 5550100")).isEqualTo(true);
        assertThat(eval("'Hi ' + lookup.name")).isEqualTo("Hi Ada");
        assertThat(eval("len(caller)")).isEqualTo(new BigDecimal(7));
        assertThat(eval("startsWith(caller, '555') && matches(caller, '[0-9]+')")).isEqualTo(true);
        assertThat(eval("upper(lookup.name)")).isEqualTo("ADA");
        assertThat(eval("number('3') + 1")).isEqualTo(new BigDecimal("4"));
    }

    @Test
    void templatesKeepTypeWhenWholeAndJoinTextOtherwise() {
        assertThat(Template.parse("${balance * 2}").evaluate(VARS)).isEqualTo(new BigDecimal("25.00"));
        assertThat(Template.parse("Hello ${lookup.name}, you owe ${balance}").evaluate(VARS))
                .isEqualTo("Hello Ada, you owe 12.5");
        assertThat(Template.parse("plain").evaluate(VARS)).isEqualTo("plain");
        assertThat(Template.parse("${'}'}").evaluate(VARS)).isEqualTo("}");
    }

    @Test
    void parseErrorsSayWhereTheyAre() {
        ExprException e = catchThrowableOfType(ExprException.class, () -> ExprParser.parse("caller == "));
        assertThat(e.getMessage()).isEqualTo("the expression ends too early");
        assertThat(e.offset()).isEqualTo(10);
        e = catchThrowableOfType(ExprException.class, () -> Template.parse("Hi ${caller ==}"));
        assertThat(e.offset()).isEqualTo(14);
        e = catchThrowableOfType(ExprException.class, () -> ExprParser.parse("exec('rm')"));
        assertThat(e.getMessage()).startsWith("unknown function 'exec'");
        e = catchThrowableOfType(ExprException.class, () -> Template.parse("${caller"));
        assertThat(e.getMessage()).isEqualTo("'${' without a closing '}'");
    }

    @Test
    void hostileInputIsRefusedWithAMessage() {
        ExprException deep = catchThrowableOfType(ExprException.class,
                () -> ExprParser.parse("(".repeat(500) + "1" + ")".repeat(500)));
        assertThat(deep.getMessage()).isEqualTo("nested more than 64 levels deep");
        assertThat(catchThrowableOfType(ExprException.class, () -> ExprParser.parse("!".repeat(100) + "true"))
                .getMessage()).isEqualTo("nested more than 64 levels deep");
        assertThat(catchThrowableOfType(ExprException.class, () -> ExprParser.parse("1 +".repeat(1000)))
                .getMessage()).contains("longer than");
    }

    @Test
    void evaluationErrorsAreTyped() {
        assertThat(catchThrowableOfType(ExprException.class, () -> eval("missing == 1")).getMessage())
                .isEqualTo("unknown variable 'missing'");
        assertThat(catchThrowableOfType(ExprException.class, () -> eval("caller * 'x'")).getMessage())
                .isEqualTo("'x' is not a number");
        assertThat(catchThrowableOfType(ExprException.class, () -> eval("1 / 0")).getMessage())
                .isEqualTo("division by zero");
        assertThat(catchThrowableOfType(ExprException.class, () -> eval("matches(caller, '(')")).getMessage())
                .startsWith("matches(): bad pattern");
    }
}
