package io.takt.oee.reconcile;

import java.time.Duration;
import java.util.Map;

import io.takt.oee.OeeSettings;
import io.takt.schemas.MinorStopPolicy;

/**
 * The settings the accounting depends on.
 *
 * @param grace               how late an event may be and still correct its windows
 * @param minorStopThreshold  unplanned stops shorter than this are minor stops
 * @param minorStopPolicy     where minor-stop time goes
 * @param defaultIdealCycleTime PRU in ms when neither a work order nor the machine's entry gives one
 * @param idealCycleTimes     PRU in ms per equipment id, from config
 */
public record OeeRules(Duration grace, Duration minorStopThreshold, MinorStopPolicy minorStopPolicy,
        double defaultIdealCycleTime, Map<String, Double> idealCycleTimes) {

    /** The rules a validated config gives. */
    public static OeeRules from(OeeSettings settings) {
        return new OeeRules(settings.grace(), settings.minorStopThreshold(), settings.minorStopPolicy(),
                settings.defaultIdealCycleTime().toMillis(), Map.copyOf(settings.idealCycleTimes()));
    }

    /** How far a machine's clock must be past a window's end before the window is FINAL. */
    long finalityMarginMillis() {
        return grace.toMillis() + minorStopThreshold.toMillis();
    }
}
