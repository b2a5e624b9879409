package io.switchboard.callflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers read the way a person reads them, per language, with prompt names of the Asterisk sound set. */
class SpokenNumbersTest {

    private static List<String> number(String n, String language) {
        return SpokenNumbers.number(new BigDecimal(n), language).stream().map(PromptRef::name).toList();
    }

    @Test
    void englishReadsTensHundredsThousandsAndMillions() {
        assertThat(number("0", "en")).containsExactly("digits/0");
        assertThat(number("17", "en")).containsExactly("digits/17");
        assertThat(number("42", "en")).containsExactly("digits/40", "digits/2");
        assertThat(number("90", "en")).containsExactly("digits/90");
        assertThat(number("305", "en")).containsExactly("digits/3", "digits/hundred", "digits/5");
        assertThat(number("1999", "en")).containsExactly("digits/1", "digits/thousand", "digits/9",
                "digits/hundred", "digits/90", "digits/9");
        assertThat(number("2000000", "en")).containsExactly("digits/2", "digits/million");
    }

    @Test
    void spanishJoinsTensAndUnitsWithYAndHasWordsForHundreds() {
        assertThat(number("21", "es")).containsExactly("digits/21");
        assertThat(number("42", "es")).containsExactly("digits/40", "digits/and", "digits/2");
        assertThat(number("100", "es")).containsExactly("digits/100");
        assertThat(number("101", "es")).containsExactly("digits/hundred", "digits/1");
        assertThat(number("550", "es")).containsExactly("digits/500", "digits/50");
        assertThat(number("1000", "es")).containsExactly("digits/thousand");
        assertThat(number("3001", "es")).containsExactly("digits/3", "digits/thousand", "digits/1");
        assertThat(number("1000000", "es-MX")).containsExactly("digits/one-million");
        assertThat(number("2000000", "es")).containsExactly("digits/2", "digits/millions");
    }

    @Test
    void negativeNumbersAndDecimalsAreReadWithMinusAndPoint() {
        assertThat(number("-12.50", "en")).containsExactly("digits/minus", "digits/12", "digits/point", "digits/5");
        assertThat(number("3.14159", "en")).containsExactly("digits/3", "digits/point", "digits/1", "digits/4");
    }

    @Test
    void aLanguageWithoutRulesOfItsOwnIsReadWithTheEnglishRules() {
        assertThat(number("42", "de")).isEqualTo(number("42", "en"));
    }

    @Test
    void numbersBeyondWordsAreReadDigitByDigit() {
        assertThat(number("1234567890", "en")).hasSize(10).startsWith("digits/1", "digits/2");
    }

    @Test
    void digitsAreReadOneByOneWithStarAndPound() {
        assertThat(SpokenNumbers.digits("+1 (555) 0*#", "en").stream().map(PromptRef::name)).containsExactly(
                "digits/1", "digits/5", "digits/5", "digits/5", "digits/0", "digits/star", "digits/pound");
    }

    @Test
    void durationsAreReadInMinutesAndSecondsWithSingulars() {
        assertThat(SpokenNumbers.duration(Duration.ofSeconds(200), "en").stream().map(PromptRef::name))
                .containsExactly("digits/3", "minutes", "digits/20", "seconds");
        assertThat(SpokenNumbers.duration(Duration.ofSeconds(61), "en").stream().map(PromptRef::name))
                .containsExactly("digits/1", "minute", "digits/1", "second");
        assertThat(SpokenNumbers.duration(Duration.ofMinutes(2), "en").stream().map(PromptRef::name))
                .containsExactly("digits/2", "minutes");
        assertThat(SpokenNumbers.duration(Duration.ZERO, "en").stream().map(PromptRef::name))
                .containsExactly("digits/0", "seconds");
    }

    @Test
    void everyPromptAReadingCanUseIsInTheVocabularyOfItsLanguage() {
        for (String language : List.of("en", "es")) {
            for (long n = 0; n < 2_100_000; n += n < 2000 ? 1 : 997) {
                assertThat(SpokenNumbers.vocabulary(language))
                        .containsAll(number(Long.toString(n), language));
            }
        }
    }
}
