package org.dissect.reproduce;

import java.util.ArrayList;
import java.util.List;
import org.dissect.descent.StepListener;

/** Keeps a copy of every iterate of a (short) descent, to pick figure snapshots from afterwards. */
final class Snapshots implements StepListener {
    record Snapshot(int step, double value, double[] x) {
    }

    private final List<Snapshot> all = new ArrayList<>();

    @Override
    public void onStep(int step, double value, double[] x) {
        all.add(new Snapshot(step, value, x.clone()));
    }

    /**
     * Picks {@code count} snapshots: the start, the end, and steps spaced geometrically in between
     * (descent changes fastest at the start).
     *
     * @param count how many, at least 2
     * @return the chosen snapshots in order
     */
    List<Snapshot> pick(int count) {
        int last = all.size() - 1;
        List<Snapshot> chosen = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int index = i == 0 ? 0 : (int) Math.round(Math.pow(last, (double) i / (count - 1)));
            index = Math.min(last, Math.max(index, previous + 1));
            chosen.add(all.get(index));
            previous = index;
        }
        return chosen;
    }
}
