package io.takt.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import io.takt.schemas.EquipmentRef;
import io.takt.schemas.MaterialMovement;
import io.takt.schemas.MovementKind;
import io.takt.schemas.Quantity;
import io.takt.schemas.SourceRef;

/**
 * A synthetic plant's material flow for the genealogy benchmark: lots in {@value #LEVELS} levels,
 * from raw lots (level 0) through ten intermediate levels to finished lots (level 11), each level
 * made at the same number of stations.
 *
 * <p>Station {@code s} of a level works in lane {@code s}: it makes its lots from the lots of lane
 * {@code s} of the level below, one movement per second, so that under the genealogy's linking rule
 * (an input lot loaded at a station is a parent of every output lot filled there while it is loaded)
 * the lots form ladders:
 * <ul>
 *   <li>odd levels, one input material: CONSUMED a0, PRODUCED p0, CONSUMED a1, PRODUCED p1, ... Each
 *       loading unloads the lot before it, so p<sub>j</sub> is made from a<sub>j</sub> and
 *       a<sub>j+1</sub>, and a<sub>j</sub> goes into p<sub>j-1</sub> and p<sub>j</sub>: 2 parents,
 *       2 children;</li>
 *   <li>even levels, two input materials loaded in turn: CONSUMED x0, PRODUCED p0, CONSUMED y0,
 *       PRODUCED p1, CONSUMED x1, ... where the x lots are the even lots of the station's own lane
 *       and the y lots the odd lots of its neighbour lane ({@code s xor 1}, of the other material),
 *       so lanes mix in pairs: 3 parents, 3 children.</li>
 * </ul>
 * Raw lots are only consumed, finished lots only produced, every other lot once each: about 1.83
 * movements a lot. The stations of a level start {@value #LEVEL_LAG_SECONDS} s after those of the
 * level below, so a lot is complete (its station has opened the next) before it is loaded above.
 * Movements come in event-time order over the whole plant; each station's times strictly grow and
 * its gateway address numbers them 1, 2, 3, ..., so as sent none is late or a resend. (How far the
 * app's input partitions drift apart while it catches up is another matter: see the README.)
 */
final class LotFlow {

    static final int LEVELS = 12;
    static final int LEVEL_LAG_SECONDS = 5;
    /**
     * Stations a level has at least. A station's movements reach the app over every partition; the
     * more stations, the fewer of one station's movements a drift between partitions spans.
     */
    static final int MIN_STATIONS = 40;
    /** Lots a station makes, about, once the plant has more than {@link #MIN_STATIONS} stations a level. */
    static final int LOTS_PER_STATION = 2000;
    /** Fewest lots a plant has: two a station. */
    static final int MIN_LOTS = LEVELS * MIN_STATIONS * 2;
    static final String UOM = "H87";

    /** A lot by its place: level, station (lane) and its index among the station's lots. */
    record Lot(int level, int station, int index) {
    }

    private final Instant start;
    private final int stations;
    /** Lots a station of each lane makes (the same on every level; the same in both lanes of a pair). */
    private final int[] lotsOfLane;
    private final EquipmentRef[][] equipment;
    private final SourceRef[][] sources;
    private final Quantity quantity = new Quantity(100.0, UOM);
    /** Counted once asked: a walk over every lot. */
    private long edges = -1;

    /** A plant of about {@code lots} lots: the total is a multiple of 24 (12 levels, lanes in pairs). */
    LotFlow(String site, int lots, Instant start) {
        if (lots < MIN_LOTS) {
            throw new IllegalArgumentException("lots must be at least " + MIN_LOTS + " (2 a station), not " + lots);
        }
        this.start = start;
        // Half a level: one lane of each pair, as both lanes of a pair make as many lots.
        int halfLevel = lots / (2 * LEVELS);
        int pairs = Math.max(MIN_STATIONS / 2, Math.round(halfLevel / (float) LOTS_PER_STATION));
        this.stations = 2 * pairs;
        this.lotsOfLane = new int[stations];
        for (int s = 0; s < stations; s++) {
            lotsOfLane[s] = halfLevel / pairs + (s / 2 < halfLevel % pairs ? 1 : 0);
        }
        this.equipment = new EquipmentRef[LEVELS][stations];
        this.sources = new SourceRef[LEVELS][stations];
        for (int level = 1; level < LEVELS; level++) {
            for (int s = 0; s < stations; s++) {
                String line = "level" + pad(level, 2);
                String machine = "m" + pad(s, 3);
                String id = site + ".genealogy." + line + "." + machine;
                equipment[level][s] = EquipmentRef.newBuilder().setId(id).setEnterprise("bench").setSite(site)
                        .setArea("genealogy").setLine(line).setMachine(machine).build();
                sources[level][s] = new SourceRef("bench-gw", id + ".material");
            }
        }
    }

    /** Stations of each level (each producing level; raw lots come in lanes of the same number). */
    int stations() {
        return stations;
    }

    int lots() {
        int perLevel = 0;
        for (int k : lotsOfLane) {
            perLevel += k;
        }
        return LEVELS * perLevel;
    }

    /** Two a lot of the eleven producing levels: one in, one out. */
    long movements() {
        return (long) (LEVELS - 1) * (lots() / LEVELS) * 2;
    }

    /** Lots of the finished level: the roots of backward traces. */
    int finishedLevel() {
        return LEVELS - 1;
    }

    String lotId(Lot lot) {
        return lotId(lot.level(), lot.station(), lot.index());
    }

    static String lotId(int level, int station, int index) {
        return "L" + pad(level, 2) + "-S" + pad(station, 3) + "-" + pad(index, 6);
    }

    /** A lot of {@code level} drawn at random. */
    Lot random(int level, Random random) {
        int station = random.nextInt(stations);
        return new Lot(level, station, random.nextInt(lotsOfLane[station]));
    }

    /** The lot each producing station made last: the one it is still filling, whose parents come last. */
    List<Lot> lastLots() {
        List<Lot> last = new ArrayList<>();
        for (int level = 1; level < LEVELS; level++) {
            for (int s = 0; s < stations; s++) {
                last.add(new Lot(level, s, lotsOfLane[s] - 1));
            }
        }
        return last;
    }

    /** Hands every movement of the plant to {@code sink}, in event-time order. */
    void forEach(Consumer<MaterialMovement> sink) {
        int maxLots = 0;
        for (int k : lotsOfLane) {
            maxLots = Math.max(maxLots, k);
        }
        int ticks = (LEVELS - 2) * LEVEL_LAG_SECONDS + 2 * maxLots;
        for (int tick = 0; tick < ticks; tick++) {
            for (int level = 1; level < LEVELS; level++) {
                int n = tick - (level - 1) * LEVEL_LAG_SECONDS;
                if (n < 0) {
                    continue; // this level's stations have not started yet
                }
                for (int s = 0; s < stations; s++) {
                    if (n < 2 * lotsOfLane[s]) {
                        sink.accept(movement(level, s, n, tick));
                    }
                }
            }
        }
    }

    /** The {@code n}-th movement of station {@code s} of {@code level}, at second {@code tick} of the run. */
    private MaterialMovement movement(int level, int s, int n, int tick) {
        Instant time = start.plusSeconds(tick);
        MaterialMovement.Builder movement = MaterialMovement.newBuilder()
                .setQuantity(quantity).setEquipment(equipment[level][s])
                .setSourceTimestamp(time).setReceiveTimestamp(time)
                .setSource(sources[level][s]).setSequence(n + 1L);
        if (n % 2 == 1) {
            return movement.setKind(MovementKind.PRODUCED).setLotId(lotId(level, s, n / 2))
                    .setMaterialId(material(level, s)).setWorkOrderId("WO-" + pad(level, 2) + "-" + pad(s, 3))
                    .setOperationId("0010").build();
        }
        Lot input = input(level, s, n);
        return movement.setKind(MovementKind.CONSUMED).setLotId(lotId(input))
                .setMaterialId(material(input.level(), input.station())).build();
    }

    /** The lot loaded by the {@code n}-th (even) movement of a station. */
    private static Lot input(int level, int s, int n) {
        if (level % 2 == 1) {
            return new Lot(level - 1, s, n / 2);
        }
        int i = n / 4;
        return n % 4 == 0 ? new Lot(level - 1, s, 2 * i) : new Lot(level - 1, s ^ 1, 2 * i + 1);
    }

    /** Raw, intermediate or finished material; lanes of a pair make different materials (A, B). */
    private static String material(int level, int s) {
        String variant = s % 2 == 0 ? "-A" : "-B";
        if (level == 0) {
            return "RAW" + variant;
        }
        return (level == LEVELS - 1 ? "FIN" : "M" + pad(level, 2)) + variant;
    }

    /** The ids of the lots the linking rule makes {@code lot} from (none for a raw lot). */
    Set<String> parentsOf(Lot lot) {
        Set<String> ids = new LinkedHashSet<>();
        parents(lot).forEach(parent -> ids.add(lotId(parent)));
        return ids;
    }

    /** The lots the linking rule makes {@code lot} from: the inputs loaded while it was filled. */
    List<Lot> parents(Lot lot) {
        List<Lot> parents = new ArrayList<>(3);
        int level = lot.level();
        int s = lot.station();
        int j = lot.index();
        int made = lotsOfLane[s];
        if (level == 0) {
            return parents;
        }
        if (level % 2 == 1) {
            parents.add(new Lot(level - 1, s, j));
            if (j + 1 < made) {
                parents.add(new Lot(level - 1, s, j + 1));
            }
            return parents;
        }
        int i = j / 2;
        parents.add(new Lot(level - 1, s, 2 * i));
        if (j % 2 == 0) {
            // Opened with x_i and y_(i-1) loaded; y_i is loaded while it is filled.
            if (i >= 1) {
                parents.add(new Lot(level - 1, s ^ 1, 2 * i - 1));
            }
            if (2 * i + 1 < made) {
                parents.add(new Lot(level - 1, s ^ 1, 2 * i + 1));
            }
        } else {
            // Opened with x_i and y_i loaded; x_(i+1) is loaded while it is filled.
            parents.add(new Lot(level - 1, s ^ 1, 2 * i + 1));
            if (2 * i + 2 < made) {
                parents.add(new Lot(level - 1, s, 2 * i + 2));
            }
        }
        return parents;
    }

    /** Parent-child links of the whole plant by the rule: the edges the graph should hold. */
    long edges() {
        if (edges < 0) {
            edges = countEdges();
        }
        return edges;
    }

    private long countEdges() {
        long edges = 0;
        for (int level = 1; level < LEVELS; level++) {
            for (int s = 0; s < stations; s++) {
                for (int j = 0; j < lotsOfLane[s]; j++) {
                    edges += parents(new Lot(level, s, j)).size();
                }
            }
        }
        return edges;
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
