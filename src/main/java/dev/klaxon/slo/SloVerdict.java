package dev.klaxon.slo;

import dev.klaxon.api.v1alpha1.ServiceLevelObjectiveStatus.State;
import java.util.List;
import java.util.Optional;

/**
 * What an evaluation means: the objective's state and the burn-rate alert that fires, if any.
 * Page alerts come first: a fast burn is a page even when a slow one fires too.
 */
record SloVerdict(State state, Optional<BurnRateAlert> firing) {

    static SloVerdict of(ErrorBudget budget, List<BurnRateAlert> alerts) {
        if (budget.sli().isEmpty() && budget.burnRates().byWindow().isEmpty()) {
            return new SloVerdict(State.NoData, Optional.empty());
        }
        Optional<BurnRateAlert> page = alerts.stream().filter(a -> a.level() == BurnRateAlert.Level.Page && a.firesAt(budget.burnRates())).findFirst();
        Optional<BurnRateAlert> firing = page.or(() -> alerts.stream().filter(a -> a.firesAt(budget.burnRates())).findFirst());
        return new SloVerdict(firing.map(a -> a.level() == BurnRateAlert.Level.Page ? State.Page : State.Ticket).orElse(State.Ok), firing);
    }
}
