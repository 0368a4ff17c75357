package org.dissect.train;

/**
 * The empirical loss of the trained encoder's final training features next to the paper's lower bound on it.
 *
 * @param loss CE and CE-fix: Definition 1 over the whole training split with the head; SC: the mean Definition 2
 *        batch loss over multisets of size b of the training split (exact, or sampled with a standard error)
 * @param standardError the standard error of a sampled SC mean; 0 when exact or for CE
 * @param batches SC: the batches averaged (|𝔅| when exact); CE: 0
 * @param bound CE, CE-fix: Theorem 1 at ρ = the largest feature norm and {@code ‖W‖_F}; SC: Theorem 2's mean bound at
 *        the split's K, n, b and ρ²
 * @param corollary1 CE, CE-fix: Corollary 1 at ρ and {@code r_W = max ‖w_y‖} (at most {@code bound}); SC: NaN
 * @param source how the loss and the bound were formed, one line
 */
public record FinalLoss(double loss, double standardError, long batches, double bound, double corollary1, String source) {
}
