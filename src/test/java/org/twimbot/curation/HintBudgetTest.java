package org.twimbot.curation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twimbot.curation.HintBudget.Decision;

class HintBudgetTest {
    @Test
    void fiveHintsThenOneSlowDownThenSilenceUntilTheMinuteIsOver() {
        HandClock clock = new HandClock();
        HintBudget budget = new HintBudget(clock);
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 200; i++) decisions.add(budget.decide("@ed:x", "$bad" + i));
        assertEquals(
                List.of(
                        Decision.ANSWER,
                        Decision.ANSWER,
                        Decision.ANSWER,
                        Decision.ANSWER,
                        Decision.ANSWER,
                        Decision.SLOW_DOWN),
                decisions.subList(0, 6));
        assertEquals(
                194,
                decisions.subList(6, 200).stream()
                        .filter(d -> d == Decision.SILENT)
                        .count());
        assertEquals(Decision.ANSWER, budget.decide("@other:x", "$o1"), "someone else's budget is their own");
        clock.now = clock.now.plus(Duration.ofSeconds(61));
        assertEquals(Decision.ANSWER, budget.decide("@ed:x", "$later"), "a minute later the sender is answered again");
    }

    @Test
    void theSameCauseGetsTheSameDecisionWhenABatchIsAppliedAgain() {
        HintBudget budget = new HintBudget(new HandClock());
        List<Decision> first = new ArrayList<>();
        for (int i = 0; i < 7; i++) first.add(budget.decide("@ed:x", "$e" + i));
        List<Decision> replay = new ArrayList<>();
        for (int i = 0; i < 7; i++) replay.add(budget.decide("@ed:x", "$e" + i));
        assertEquals(first, replay, "a rolled-back batch applied again must not lose its hints to the first attempt");
    }

    @Test
    void aCrowdOfSendersIsCappedInAllWithoutSlowDownNotices() {
        HintBudget budget = new HintBudget(new HandClock());
        int answered = 0;
        int slowDowns = 0;
        for (int i = 0; i < 100; i++) {
            Decision d = budget.decide("@crowd" + i + ":x", "$c" + i);
            if (d == Decision.ANSWER) answered++;
            if (d == Decision.SLOW_DOWN) slowDowns++;
        }
        assertEquals(HintBudget.TOTAL, answered);
        assertEquals(0, slowDowns);
    }
}
